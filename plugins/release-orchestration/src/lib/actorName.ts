import { ConfigApi } from '@backstage/core-plugin-api';

/** Configured display names of service principals, by actor (`service:external:ci-pipeline`). */
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
      names.set(actor, displayName);
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
  const configured = names.get(actor);
  if (configured) {
    return configured;
  }
  return actor.replace(/^service:/, '').replace(/^external:/, '') || actor;
}
