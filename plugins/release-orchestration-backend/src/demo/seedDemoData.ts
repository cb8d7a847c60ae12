import { LoggerService } from '@backstage/backend-plugin-api';
import { Stores } from '../database/types';
import { CatalogGateway } from '../service/CatalogGateway';
import { DemoSystem, generateDemoHistory } from './generateDemoHistory';

/** Who the audit trail names for seeded history. */
export const DEMO_ACTOR = 'service:release-orchestration-demo-data';

/**
 * Seeds demo history for every System in the catalog, once: nothing happens when any build
 * exists already, or when the catalog has no Systems with components yet (try again later).
 * Everything is written in one transaction, with audit events in time order.
 */
export async function seedDemoData(options: {
  stores: Stores;
  catalog: CatalogGateway;
  logger: LoggerService;
  now?: Date;
}): Promise<'seeded' | 'already-seeded' | 'catalog-not-ready'> {
  const { stores, catalog, logger } = options;
  if (await stores.builds.hasAny()) {
    return 'already-seeded';
  }
  const systems: DemoSystem[] = [];
  for (const systemRef of await catalog.listSystems()) {
    const components = (await catalog.getSystemComponents(systemRef)) ?? [];
    if (components.length > 0) {
      systems.push({
        systemRef,
        componentRefs: components.map(c => c.componentRef),
      });
    }
  }
  if (systems.length === 0) {
    logger.info(
      'Demo data: the catalog has no Systems with components yet; will try again',
    );
    return 'catalog-not-ready';
  }
  const history = generateDemoHistory(systems, options.now ?? new Date());
  const events = [
    ...history.builds.map(build => ({ at: build.createdAt, build })),
    ...history.releases.map(release => ({ at: release.createdAt, release })),
  ].sort((a, b) => a.at.localeCompare(b.at));

  const outcome = await stores.transaction(async tx => {
    if (await tx.builds.hasAny()) {
      return 'already-seeded' as const;
    }
    for (const event of events) {
      if ('build' in event) {
        const { build } = await tx.builds.insertIfAbsent(event.build);
        await tx.audit.append({
          actor: DEMO_ACTOR,
          action: 'build.reported',
          entityRef: build.componentRef,
          subjectType: 'build',
          subjectId: build.id,
          summary: `Build ${build.version} of ${build.componentRef} reported (demo data)`,
          createdAt: build.createdAt,
        });
      } else {
        const { release } = event;
        await tx.releases.insertIfAbsent(release);
        await tx.audit.append({
          actor: DEMO_ACTOR,
          action: 'release.created',
          entityRef: release.systemRef,
          subjectType: 'release',
          subjectId: release.id,
          summary: `Release ${release.version} of ${release.systemRef} cut with ${release.components.length} component(s) (demo data)`,
          createdAt: release.createdAt,
        });
      }
    }
    return 'seeded' as const;
  });
  if (outcome === 'seeded') {
    logger.info(
      `Demo data: seeded ${history.builds.length} builds and ${history.releases.length} releases for ${systems.length} Systems`,
    );
  }
  return outcome;
}
