import {
  EnvironmentPolicy,
  PromotionPolicy,
} from '@release-orchestration/plugin-release-orchestration-common';
import type { NamedPolicy } from '../config/readNamedPolicies';

function policyOf(env: PromotionPolicy): PromotionPolicy {
  return {
    approvers: env.approvers,
    minApprovals: env.minApprovals,
    separationOfDuties: env.separationOfDuties,
    requiredEvidence: env.requiredEvidence,
    requirePreviousEnvironment: env.requirePreviousEnvironment,
    ...(env.evidenceFrom ? { evidenceFrom: env.evidenceFrom } : {}),
    ...(env.minSoakSeconds ? { minSoakSeconds: env.minSoakSeconds } : {}),
    ...(env.ownersOfChangesApprove
      ? { ownersOfChangesApprove: env.ownersOfChangesApprove }
      : {}),
    ...(env.commitAuthorsCannotApprove
      ? { commitAuthorsCannotApprove: true }
      : {}),
  };
}

/**
 * The policy a promotion into `env` must meet. Layers, the later winning field by field:
 * the lane, (for a rollback) the lane's `rollback` block, the System's named policy for the
 * lane, (for a rollback) that named policy's `rollback` block.
 */
export function resolvePolicy(
  env: EnvironmentPolicy,
  named: NamedPolicy | undefined,
  rollback: boolean,
): PromotionPolicy {
  const overrides = named?.environments.get(env.name);
  const base = policyOf(
    rollback
      ? env.rollback ?? { ...env, requirePreviousEnvironment: false }
      : env,
  );
  const resolved: PromotionPolicy = {
    ...base,
    ...overrides?.fields,
    ...(rollback ? overrides?.rollback : {}),
  };
  // A layer that says evidenceFrom: any lifts the lane's requirement.
  if (!resolved.evidenceFrom) {
    delete resolved.evidenceFrom;
  }
  // `off` in a layer lifts the owners-of-changes options of the layers below.
  if (!resolved.ownersOfChangesApprove) {
    delete resolved.ownersOfChangesApprove;
  }
  if (!resolved.commitAuthorsCannotApprove) {
    delete resolved.commitAuthorsCannotApprove;
  }
  // Soak time is about promoting a new release on; a rollback returns to one that ran before.
  if (rollback || !resolved.minSoakSeconds) {
    delete resolved.minSoakSeconds;
  }
  return resolved;
}
