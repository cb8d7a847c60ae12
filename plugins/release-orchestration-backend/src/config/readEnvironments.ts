import { Config } from '@backstage/config';
import { normalizeEntityRef, EnvironmentPolicy } from '@release-orchestration/plugin-release-orchestration-common';

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The lanes used when app-config names none. */
export const DEFAULT_ENVIRONMENTS = ['dev', 'staging', 'production'];

function titleCase(name: string) {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * Reads the ordered environment lanes and their promotion policies from
 * `releaseOrchestration.environments`. Mistakes stop the backend at start-up with the key named.
 */
export function readEnvironments(config: Config): EnvironmentPolicy[] {
  const key = 'releaseOrchestration.environments';
  const entries = config.getOptionalConfigArray(key);
  if (!entries) {
    return DEFAULT_ENVIRONMENTS.map((name, index) => ({
      name,
      title: titleCase(name),
      approvers: [],
      minApprovals: 0,
      separationOfDuties: false,
      requiredEvidence: [],
      requirePreviousEnvironment: index > 0,
    }));
  }
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const at = `${key}[${index}]`;
    const name = entry.getString('name');
    if (!NAME.test(name)) {
      throw new Error(`${at}.name: '${name}' must be lower-case letters, digits and dashes`);
    }
    if (seen.has(name)) {
      throw new Error(`${at}.name: '${name}' is listed twice`);
    }
    seen.add(name);
    const approvers = (entry.getOptionalStringArray('approvers') ?? []).map(ref => {
      const group = normalizeEntityRef(ref, 'group');
      if (!group) {
        throw new Error(`${at}.approvers: '${ref}' must be a full group ref like group:default/release-managers`);
      }
      return group;
    });
    const minApprovals = entry.getOptionalNumber('minApprovals') ?? (approvers.length > 0 ? 1 : 0);
    if (!Number.isInteger(minApprovals) || minApprovals < 0) {
      throw new Error(`${at}.minApprovals: must be a whole number of at least 0`);
    }
    if (minApprovals > 0 && approvers.length === 0) {
      throw new Error(`${at}.minApprovals: ${minApprovals} approvals need at least one approver group`);
    }
    return {
      name,
      title: entry.getOptionalString('title') ?? titleCase(name),
      approvers,
      minApprovals,
      separationOfDuties: entry.getOptionalBoolean('separationOfDuties') ?? false,
      requiredEvidence: entry.getOptionalStringArray('requiredEvidence') ?? [],
      requirePreviousEnvironment:
        entry.getOptionalBoolean('requirePreviousEnvironment') ?? index > 0,
    };
  });
}
