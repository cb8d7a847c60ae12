import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';

/**
 * Who did something, as recorded in the audit trail: the user's entity ref, or
 * `service:<subject>` for a service principal such as a CI token (`external:ci-pipeline`).
 */
export function actorOf(
  credentials: BackstageCredentials<
    BackstageUserPrincipal | BackstageServicePrincipal
  >,
): string {
  const principal = credentials.principal;
  if (principal.type === 'user') {
    return principal.userEntityRef;
  }
  return `service:${principal.subject}`;
}
