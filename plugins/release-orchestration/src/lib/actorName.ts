import { ConfigApi } from '@backstage/core-plugin-api';

/**
 * Configured display names of service principals, by subject: `ci-pipeline` for both
 * `service:ci-pipeline` (a static token's subject as Backstage reports it) and
 * `service:external:ci-pipeline`.
 */
export type ServicePrincipalNames = ReadonlyMap<string, string>;

/** `releaseOrchestration.servicePrincipals` from the frontend config; invalid entries are skipped. */
export function readServicePrincipalNames(
  config: ConfigApi,
): ServicePrincipalNames {
  const names = new Map<string, string>();
  for (const entry of config.getOptionalConfigArray(
    'releaseOrchestration.servicePrincipals',
  ) ?? []) {
    const actor = entry.getOptionalString('actor');
    const displayName = entry.getOptionalString('displayName');
    if (actor && displayName) {
      names.set(subjectOf(actor), displayName);
    }
  }
  return names;
}

/**
 * A non-user actor as a person reads it: its configured display name, else
 * the subject without the `service:` / `external:` prefixes
 * (`service:external:ci-pipeline` -> `ci-pipeline`).
 */
export function serviceDisplayName(
  actor: string,
  names: ServicePrincipalNames = new Map(),
): string {
  const subject = subjectOf(actor);
  return names.get(subject) ?? (subject || actor);
}

/** `ci-pipeline` from `service:external:ci-pipeline`, `service:ci-pipeline` or `ci-pipeline`. */
function subjectOf(actor: string): string {
  return actor.replace(/^service:/, '').replace(/^external:/, '');
}
