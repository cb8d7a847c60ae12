import { Config } from '@backstage/config';
import {
  EnvironmentPolicy,
  PromotionPolicy,
} from '@release-orchestration/plugin-release-orchestration-common';
import { resolvePolicy } from '../service/resolvePolicy';
import { assertPolicyConsistent, readPolicyFields } from './readPolicyFields';

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** A System's annotation that selects a named policy. */
export const POLICY_ANNOTATION = 'release-orchestration.io/policy';

/** What a named policy changes in one environment. */
export interface PolicyOverrides {
  /** Overrides of the lane's policy. */
  fields: Partial<PromotionPolicy>;
  /** Further overrides for rollbacks into the lane. */
  rollback: Partial<PromotionPolicy>;
}

/**
 * A named policy from `releaseOrchestration.policies.<name>`: per-environment overrides of the
 * lanes' policies, selected by a System with the `release-orchestration.io/policy` annotation.
 */
export interface NamedPolicy {
  name: string;
  description?: string;
  /** By environment name; lanes not listed keep their policy. */
  environments: Map<string, PolicyOverrides>;
}

/**
 * Reads the named policies. Mistakes (an unknown lane, a bad field, approvals without
 * approvers once layered over the lane) stop the backend at start-up with the key named.
 */
export function readNamedPolicies(
  config: Config,
  environments: EnvironmentPolicy[],
): Map<string, NamedPolicy> {
  const key = 'releaseOrchestration.policies';
  const root = config.getOptionalConfig(key);
  const policies = new Map<string, NamedPolicy>();
  if (!root) {
    return policies;
  }
  for (const name of root.keys()) {
    const at = `${key}.${name}`;
    if (!NAME.test(name)) {
      throw new Error(
        `${at}: '${name}' must be lower-case letters, digits and dashes`,
      );
    }
    const entry = root.getConfig(name);
    const lanes = entry.getOptionalConfig('environments');
    const overrides = new Map<string, PolicyOverrides>();
    for (const envName of lanes?.keys() ?? []) {
      const envAt = `${at}.environments.${envName}`;
      const lane = environments.find(e => e.name === envName);
      if (!lane) {
        throw new Error(
          `${envAt}: '${envName}' is not a configured environment; the lanes are ${environments
            .map(e => e.name)
            .join(', ')}`,
        );
      }
      const laneConfig = lanes!.getConfig(envName);
      const rollbackConfig = laneConfig.getOptionalConfig('rollback');
      const policyOverrides: PolicyOverrides = {
        fields: readPolicyFields(laneConfig, envAt),
        rollback: rollbackConfig
          ? readPolicyFields(rollbackConfig, `${envAt}.rollback`)
          : {},
      };
      const named: NamedPolicy = {
        name,
        environments: new Map([[envName, policyOverrides]]),
      };
      assertPolicyConsistent(resolvePolicy(lane, named, false), envAt);
      assertPolicyConsistent(
        resolvePolicy(lane, named, true),
        `${envAt}.rollback`,
      );
      overrides.set(envName, policyOverrides);
    }
    policies.set(name, {
      name,
      description: entry.getOptionalString('description'),
      environments: overrides,
    });
  }
  return policies;
}
