import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { useMemo } from 'react';
import {
  readServicePrincipalNames,
  serviceDisplayName,
} from '../lib/actorName';

/**
 * Names a non-user actor (a CI or CD service principal) the way the portal shows it:
 * `releaseOrchestration.servicePrincipals` in app-config, else its subject.
 */
export function useServiceDisplayName(): (actor: string) => string {
  const config = useApi(configApiRef);
  const names = useMemo(() => readServicePrincipalNames(config), [config]);
  return (actor: string) => serviceDisplayName(actor, names);
}

/**
 * Names any actor as text (for tooltips and sentences): a user's entity name,
 * a service principal's display name.
 */
export function useActorName(): (actor: string) => string {
  const serviceName = useServiceDisplayName();
  return (actor: string) =>
    actor.startsWith('user:')
      ? actor.slice(actor.lastIndexOf('/') + 1)
      : serviceName(actor);
}
