import { Config } from '@backstage/config';
import {
  normalizeEntityRef,
  PromotionPolicy,
} from '@release-orchestration/plugin-release-orchestration-common';

const EVIDENCE_TYPE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * Reads the promotion policy fields that are set in one config object (an environment, its
 * `rollback` block, or a named policy's environment), leaving out the ones not given so they
 * can be layered over another policy. Mistakes throw with the key named.
 */
export function readPolicyFields(config: Config, at: string): Partial<PromotionPolicy> {
  const fields: Partial<PromotionPolicy> = {};
  const approvers = config.getOptionalStringArray('approvers');
  if (approvers) {
    fields.approvers = approvers.map(ref => {
      const group = normalizeEntityRef(ref, 'group');
      if (!group) {
        throw new Error(`${at}.approvers: '${ref}' must be a full group ref like group:default/release-managers`);
      }
      return group;
    });
  }
  const minApprovals = config.getOptionalNumber('minApprovals');
  if (minApprovals !== undefined) {
    if (!Number.isInteger(minApprovals) || minApprovals < 0) {
      throw new Error(`${at}.minApprovals: must be a whole number of at least 0`);
    }
    fields.minApprovals = minApprovals;
  }
  const separationOfDuties = config.getOptionalBoolean('separationOfDuties');
  if (separationOfDuties !== undefined) {
    fields.separationOfDuties = separationOfDuties;
  }
  const requiredEvidence = config.getOptionalStringArray('requiredEvidence');
  if (requiredEvidence) {
    for (const type of requiredEvidence) {
      if (!EVIDENCE_TYPE.test(type)) {
        throw new Error(`${at}.requiredEvidence: '${type}' must be lower-case letters, digits, dots, dashes and underscores`);
      }
    }
    fields.requiredEvidence = [...new Set(requiredEvidence)];
  }
  const evidenceFrom = config.getOptionalString('evidenceFrom');
  if (evidenceFrom !== undefined) {
    if (evidenceFrom !== 'service' && evidenceFrom !== 'any') {
      throw new Error(`${at}.evidenceFrom: '${evidenceFrom}' must be 'service' (only CI may attach the required evidence) or 'any'`);
    }
    fields.evidenceFrom = evidenceFrom === 'service' ? 'service' : undefined;
  }
  const requirePreviousEnvironment = config.getOptionalBoolean('requirePreviousEnvironment');
  if (requirePreviousEnvironment !== undefined) {
    fields.requirePreviousEnvironment = requirePreviousEnvironment;
  }
  return fields;
}

/** Refuses a policy that asks for approvals nobody can give. */
export function assertPolicyConsistent(policy: PromotionPolicy, at: string) {
  if (policy.minApprovals > 0 && policy.approvers.length === 0) {
    throw new Error(`${at}.minApprovals: ${policy.minApprovals} approvals need at least one approver group`);
  }
}
