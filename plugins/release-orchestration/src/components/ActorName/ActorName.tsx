import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { parseFullEntityRef } from '@release-orchestration/plugin-release-orchestration-common';

/**
 * Who did something: a link to the user's catalog page, or the raw actor
 * (e.g. `service:ci-pipeline`) when it is not a user.
 * @public
 */
export function ActorName(props: { actor: string }) {
  const parsed = parseFullEntityRef(props.actor);
  if (parsed?.kind === 'user') {
    return <EntityRefLink entityRef={props.actor} defaultKind="user" />;
  }
  return <>{props.actor}</>;
}
