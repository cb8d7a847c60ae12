import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { parseFullEntityRef } from '@release-orchestration/plugin-release-orchestration-common';
import { useServiceDisplayName } from '../../hooks/useActorDisplayName';

/**
 * Who did something: a link to the user's catalog page (showing the User's
 * display name), or a service principal's configured display name
 * (`releaseOrchestration.servicePrincipals`, e.g. `CI pipeline`), else its subject.
 */
export function ActorName(props: { actor: string }) {
  const serviceName = useServiceDisplayName();
  const parsed = parseFullEntityRef(props.actor);
  if (parsed?.kind === 'user') {
    return <EntityRefLink entityRef={props.actor} defaultKind="user" />;
  }
  return <>{serviceName(props.actor)}</>;
}
