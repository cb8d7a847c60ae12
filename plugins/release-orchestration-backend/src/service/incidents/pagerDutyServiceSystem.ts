import { AuthService } from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** The standard annotation of the PagerDuty plugin: the PagerDuty service an entity is paged by. */
export const PAGERDUTY_SERVICE_ID_ANNOTATION = 'pagerduty.com/service-id';

/** Finds the System a PagerDuty service belongs to. */
export type PagerDutyServiceSystem = (
  serviceId: string,
) => Promise<string | undefined>;

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * Looks the PagerDuty service up in the catalog by the `pagerduty.com/service-id` annotation,
 * with the plugin's own credentials (a webhook has no user): a System carrying it is the answer;
 * a Component carrying it answers with the System it is part of. Several matching Systems, or
 * none, answer undefined (the webhook's `?system=` then decides).
 */
export function pagerDutyServiceSystemFromCatalog(
  catalog: CatalogService,
  auth: AuthService,
): PagerDutyServiceSystem {
  return async serviceId => {
    const { items } = await catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${PAGERDUTY_SERVICE_ID_ANNOTATION}`]:
            serviceId,
        },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'spec.system',
          'relations',
        ],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const systems = new Set<string>();
    for (const entity of items) {
      const kind = entity.kind.toLocaleLowerCase('en-US');
      if (kind === 'system') {
        systems.add(lower(stringifyEntityRef(entity)));
        continue;
      }
      const partOf = entity.relations?.find(
        r => r.type === RELATION_PART_OF && r.targetRef.startsWith('system:'),
      );
      const system =
        partOf?.targetRef ??
        (typeof entity.spec?.system === 'string'
          ? entity.spec.system
          : undefined);
      if (system) {
        const ref = parseEntityRef(system, {
          defaultKind: 'system',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        });
        systems.add(lower(stringifyEntityRef(ref)));
      }
    }
    return systems.size === 1 ? [...systems][0] : undefined;
  };
}
