import { Config } from '@backstage/config';
import {
  EnvironmentPolicy,
  PromotionPolicy,
} from '@release-orchestration/plugin-release-orchestration-common';
import { defaultAfter, orderLaneGraph } from './laneGraph';
import { assertPolicyConsistent, readPolicyFields } from './readPolicyFields';

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The lanes used when app-config names none. */
export const DEFAULT_ENVIRONMENTS = ['dev', 'staging', 'production'];

function titleCase(name: string) {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * Reads the environment lanes and their promotion policies from `releaseOrchestration.environments`,
 * in graph order (each lane after the lanes in its `after`, which default to the lane listed
 * before it). Mistakes, unknown lanes in `after` and cycles stop the backend at start-up with the
 * key named.
 */
export function readEnvironments(config: Config): EnvironmentPolicy[] {
  const key = 'releaseOrchestration.environments';
  const entries = config.getOptionalConfigArray(key);
  if (!entries) {
    return DEFAULT_ENVIRONMENTS.map((name, index) => {
      const policy: PromotionPolicy = {
        approvers: [],
        minApprovals: 0,
        separationOfDuties: false,
        requiredEvidence: [],
        requirePreviousEnvironment: index > 0,
      };
      return {
        name,
        title: titleCase(name),
        after: index > 0 ? [DEFAULT_ENVIRONMENTS[index - 1]] : [],
        ...policy,
        rollback: { ...policy, requirePreviousEnvironment: false },
      };
    });
  }
  const seen = new Set<string>();
  const lanes = defaultAfter(
    entries.map(entry => ({
      name: entry.getString('name'),
      after: entry.getOptionalStringArray('after'),
    })),
  );
  const environments = entries.map((entry, index) => {
    const at = `${key}[${index}]`;
    const name = entry.getString('name');
    if (!NAME.test(name)) {
      throw new Error(
        `${at}.name: '${name}' must be lower-case letters, digits and dashes`,
      );
    }
    if (seen.has(name)) {
      throw new Error(`${at}.name: '${name}' is listed twice`);
    }
    seen.add(name);
    const after = lanes[index].after;
    const fields = readPolicyFields(entry, at);
    const approvers = fields.approvers ?? [];
    const policy: PromotionPolicy = {
      approvers,
      minApprovals: fields.minApprovals ?? (approvers.length > 0 ? 1 : 0),
      separationOfDuties: fields.separationOfDuties ?? false,
      requiredEvidence: fields.requiredEvidence ?? [],
      requirePreviousEnvironment:
        fields.requirePreviousEnvironment ?? after.length > 0,
      ...(fields.evidenceFrom ? { evidenceFrom: fields.evidenceFrom } : {}),
      ...(fields.minSoakSeconds
        ? { minSoakSeconds: fields.minSoakSeconds }
        : {}),
      ...(fields.ownersOfChangesApprove
        ? { ownersOfChangesApprove: fields.ownersOfChangesApprove }
        : {}),
      ...(fields.commitAuthorsCannotApprove
        ? { commitAuthorsCannotApprove: true }
        : {}),
    };
    if (policy.minSoakSeconds && after.length === 0) {
      throw new Error(
        `${at}.minSoak: ${
          index === 0 ? 'the first lane' : `'${name}' (after: [])`
        } has no previous lane to soak in`,
      );
    }
    assertPolicyConsistent(policy, at);
    const rollbackConfig = entry.getOptionalConfig('rollback');
    // A rollback target already succeeded in this lane, so by default it need not pass the
    // previous lane again; everything else is the lane's policy unless `rollback` relaxes it.
    const { minSoakSeconds: _soak, ...withoutSoak } = policy;
    const rollback: PromotionPolicy = {
      ...withoutSoak,
      requirePreviousEnvironment: false,
      ...(rollbackConfig
        ? readPolicyFields(rollbackConfig, `${at}.rollback`)
        : {}),
    };
    assertPolicyConsistent(rollback, `${at}.rollback`);
    return {
      name,
      title: entry.getOptionalString('title') ?? titleCase(name),
      after,
      ...policy,
      rollback,
    };
  });
  return orderLaneGraph(environments, key);
}
