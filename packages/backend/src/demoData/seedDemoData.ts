import { LoggerService } from '@backstage/backend-plugin-api';
import { Stores } from '@release-orchestration/plugin-release-orchestration-backend/src/database/types';
import { CatalogGateway } from '@release-orchestration/plugin-release-orchestration-backend/src/service/CatalogGateway';
import {
  DemoScenario,
  DemoSystem,
  generateDemoHistory,
} from '@release-orchestration/demo-data';
import { DemoScenarioOf, namedScenarios } from './demoScenarios';

/** Builds per multi-row insert. */
const BUILD_BATCH = 200;

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
  /** Each System's delivery profile and special cases (default: the named Systems' in turn). */
  scenarioOf?: DemoScenarioOf;
  /**
   * Systems that must be in the catalog with their components before seeding starts (the
   * generated organisation's, which the catalog ingests over a minute or so after start-up).
   */
  expectedSystems?: string[];
  /**
   * The Systems with components seen by the previous attempt (after the expected ones). Seeding
   * waits until an attempt sees the same ones again, so that it does not start while the
   * catalog is still processing the demo's entities (which left Systems without history).
   */
  settle?: { previous?: string };
  now?: Date;
}): Promise<'seeded' | 'already-seeded' | 'catalog-not-ready'> {
  const { stores, catalog, logger } = options;
  if (await stores.builds.hasAny()) {
    return 'already-seeded';
  }
  const scenarioOf = options.scenarioOf ?? namedScenarios;
  const systems: DemoSystem[] = [];
  for (const [index, systemRef] of (await catalog.listSystems()).entries()) {
    const components = (await catalog.getSystemComponents(systemRef)) ?? [];
    if (components.length > 0) {
      const scenario: DemoScenario = scenarioOf(systemRef, index);
      systems.push({
        systemRef,
        componentRefs: components.map(c => c.componentRef),
        profile: scenario.profile,
      });
    }
  }
  if (systems.length === 0) {
    logger.info(
      'Demo data: the catalog has no Systems with components yet; will try again',
    );
    return 'catalog-not-ready';
  }
  const present = new Set(systems.map(s => s.systemRef));
  const missing = (options.expectedSystems ?? []).filter(
    ref => !present.has(ref),
  );
  if (missing.length > 0) {
    logger.info(
      `Demo data: waiting for ${
        missing.length
      } System(s) with components in the catalog (${missing
        .slice(0, 3)
        .join(', ')}${missing.length > 3 ? ', …' : ''}); will try again`,
    );
    return 'catalog-not-ready';
  }
  if (options.settle) {
    const seen = systems.map(system => system.systemRef).join('\n');
    const previous = options.settle.previous;
    options.settle.previous = seen;
    if (previous !== seen) {
      logger.info(
        `Demo data: ${systems.length} System(s) with components in the catalog; seeding once the catalog shows the same on the next attempt`,
      );
      return 'catalog-not-ready';
    }
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
    // Builds in a few multi-row statements; then the releases and every audit event, in time order.
    for (let i = 0; i < history.builds.length; i += BUILD_BATCH) {
      await tx.builds.insertManyIfAbsent(
        history.builds.slice(i, i + BUILD_BATCH),
      );
    }
    for (const event of events) {
      if ('build' in event) {
        const { build } = event;
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
