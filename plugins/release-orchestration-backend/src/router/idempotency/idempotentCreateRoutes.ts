import { NotFoundError } from '@backstage/errors';
import { BuildService } from '../../service/BuildService';
import { DeploymentService } from '../../service/DeploymentService';
import { FreezeService } from '../../service/FreezeService';
import { RecurringFreezeService } from '../../service/freezes/RecurringFreezeService';
import { IncidentService } from '../../service/incidents/IncidentService';
import { PromotionService } from '../../service/PromotionService';
import { ReleaseService } from '../../service/ReleaseService';
import { IdempotentRoute } from './idempotentRoutes';

/** The services that can describe again what a create route made. */
export interface IdempotentRouteServices {
  builds: BuildService;
  releases: ReleaseService;
  promotions: PromotionService;
  deployments: DeploymentService;
  freezes: FreezeService;
  recurringFreezes: RecurringFreezeService;
  incidents: IncidentService;
}

/** `get(id)` of a thing the original request made, or undefined when it is gone. */
async function found<T>(load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof NotFoundError) {
      return undefined;
    }
    throw error;
  }
}

/**
 * The answer, rebuilt from the thing made (the subject of the request's first audit event) when
 * the type is the expected one.
 */
function fromSubject<T>(
  type: string,
  status: number,
  load: (id: string) => Promise<T | undefined>,
) {
  return async (target: { subject?: { type: string; id: string } }) => {
    if (target.subject?.type !== type) {
      return undefined;
    }
    const id = target.subject.id;
    const body = await found(() => load(id));
    return body === undefined ? undefined : { status, body };
  };
}

/** The answer, rebuilt from the thing named in the path (votes, cancels, transitions, updates). */
function fromPath<T>(status: number, load: (id: string) => Promise<T>) {
  return async (target: { params: Record<string, string> }) => {
    const body = await found(() => load(target.params.id));
    return body === undefined ? undefined : { status, body };
  };
}

/**
 * Every route that creates or changes something and takes an `Idempotency-Key`. After a lost
 * answer the rebuilt one is the thing as it is now, with the status a first request gets (a
 * finished deployment is answered 201 then, not 200).
 */
export function idempotentCreateRoutes(
  services: IdempotentRouteServices,
): IdempotentRoute[] {
  const {
    builds,
    releases,
    promotions,
    deployments,
    freezes,
    recurringFreezes,
    incidents,
  } = services;
  const promotion = (id: string) => promotions.get(id);
  return [
    {
      method: 'POST',
      path: '/builds',
      rebuild: fromSubject('build', 201, id => builds.get(id)),
    },
    {
      method: 'POST',
      path: '/releases',
      rebuild: fromSubject('release', 201, id => releases.get(id)),
    },
    {
      method: 'POST',
      path: '/releases/:id/evidence',
      rebuild: async target => {
        const details = await found(() =>
          releases.getDetails(target.params.id),
        );
        return fromSubject('evidence', 201, async id =>
          details?.evidence.find(e => e.id === id),
        )(target);
      },
    },
    {
      method: 'POST',
      path: '/releases/:id/promotions',
      rebuild: fromSubject('promotion', 201, promotion),
    },
    {
      method: 'POST',
      path: '/promotions',
      rebuild: fromSubject('promotion', 201, async id => ({
        items: await promotions.fanOutOf(id),
      })),
    },
    {
      method: 'POST',
      path: '/promotions/:id/approvals',
      rebuild: fromPath(201, promotion),
    },
    {
      method: 'POST',
      path: '/promotions/:id/cancel',
      rebuild: fromPath(200, promotion),
    },
    {
      method: 'POST',
      path: '/promotions/:id/transitions',
      rebuild: fromPath(200, promotion),
    },
    {
      method: 'POST',
      path: '/deployments',
      rebuild: fromSubject('deployment', 201, id => deployments.get(id)),
    },
    {
      method: 'POST',
      path: '/systems/:namespace/:name/rollback',
      rebuild: fromSubject('promotion', 201, promotion),
    },
    {
      method: 'POST',
      path: '/freezes',
      rebuild: fromSubject('freeze', 201, async id =>
        (await freezes.list({ includePast: true })).find(f => f.id === id),
      ),
    },
    {
      method: 'POST',
      path: '/recurring-freezes',
      rebuild: fromSubject('recurring-freeze', 201, id =>
        recurringFreezes.get(id),
      ),
    },
    {
      method: 'POST',
      path: '/recurring-freezes/:id/exceptions',
      rebuild: fromPath(200, id => recurringFreezes.get(id)),
    },
    {
      method: 'POST',
      path: '/incidents',
      rebuild: fromSubject('incident', 201, id => incidents.get(id)),
    },
    {
      method: 'PATCH',
      path: '/incidents/:id',
      rebuild: fromPath(200, id => incidents.get(id)),
    },
  ];
}
