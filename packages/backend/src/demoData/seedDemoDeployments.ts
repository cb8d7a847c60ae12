import { LoggerService } from '@backstage/backend-plugin-api';
import {
  EnvironmentPolicy,
  Promotion,
  ReleaseSummary,
} from '@release-orchestration/plugin-release-orchestration-common';
import { NewDeployment } from '@release-orchestration/plugin-release-orchestration-backend/src/database/deploymentStoreTypes';
import { Stores } from '@release-orchestration/plugin-release-orchestration-backend/src/database/types';
import { CatalogGateway } from '@release-orchestration/plugin-release-orchestration-backend/src/service/CatalogGateway';
import { describeDeployment } from '@release-orchestration/plugin-release-orchestration-backend/src/service/describeDeployment';
import {
  DemoLaneSuccess,
  generateDemoDeployments,
} from '@release-orchestration/demo-data';
import { DemoScenarioOf, namedScenarios } from './demoScenarios';

const PAGE = 200;
/** Deployments per multi-row insert. */
const BATCH = 200;

/** Every item of a newest-first paginated store list. */
async function all<T extends { createdAt: string; id: string }>(
  page: (cursor?: { createdAt: string; id: string }) => Promise<T[]>,
): Promise<T[]> {
  const items: T[] = [];
  for (let cursor: { createdAt: string; id: string } | undefined; ; ) {
    const batch = await page(cursor);
    items.push(...batch);
    if (batch.length < PAGE) {
      return items;
    }
    cursor = {
      createdAt: batch[batch.length - 1].createdAt,
      id: batch[batch.length - 1].id,
    };
  }
}

function laneSuccess(promotion: Promotion): DemoLaneSuccess | undefined {
  const at = (state: string) =>
    promotion.transitions.find(t => t.to === state)?.createdAt;
  const [deploying, succeeded] = [at('deploying'), at('succeeded')];
  return deploying && succeeded
    ? {
        promotionId: promotion.id,
        releaseId: promotion.releaseId,
        environment: promotion.environment,
        deployingAt: Date.parse(deploying),
        succeededAt: Date.parse(succeeded),
      }
    : undefined;
}

/**
 * Seeds the demo portal's deployments once, after its releases and promotions: every succeeded
 * promotion gets the deployment that carried it out, plus failed attempts, rollbacks, hotfixes
 * and drifted components, as each System's scenario says (see generateDemoDeployments in
 * @release-orchestration/demo-data). Nothing happens
 * when any deployment exists, or before any promotion succeeded.
 */
export async function seedDemoDeployments(options: {
  stores: Stores;
  catalog: Pick<CatalogGateway, 'listSystems'>;
  environments: EnvironmentPolicy[];
  logger: LoggerService;
  scenarioOf?: DemoScenarioOf;
  now?: Date;
}): Promise<'seeded' | 'already-seeded' | 'nothing-to-seed'> {
  const { stores, logger } = options;
  const scenarioOf = options.scenarioOf ?? namedScenarios;
  if (await stores.deployments.hasAny()) {
    return 'already-seeded';
  }
  const now = options.now ?? new Date();
  const lanes = options.environments.map(e => e.name);
  const systems = await options.catalog.listSystems();
  const planned: NewDeployment[] = [];
  for (const [index, systemRef] of systems.entries()) {
    const releases: ReleaseSummary[] = (
      await all(cursor =>
        stores.releases.list({ systemRef, limit: PAGE, cursor }),
      )
    ).reverse();
    const promotions = await all(cursor =>
      stores.promotions.list({
        systemRef,
        state: 'succeeded',
        limit: PAGE,
        cursor,
      }),
    );
    const successes = promotions.flatMap(p => laneSuccess(p) ?? []);
    if (successes.length === 0) {
      continue;
    }
    const manifests = await stores.drift.manifests(releases.map(r => r.id));
    planned.push(
      ...generateDemoDeployments({
        systemRef,
        lanes,
        releases: releases.map(r => ({
          id: r.id,
          version: r.version,
          createdAt: r.createdAt,
          components: (manifests.get(r.id) ?? []).map(c => ({
            componentRef: c.componentRef,
            version: c.version,
          })),
        })),
        successes,
        scenario: scenarioOf(systemRef, index),
        now,
      }),
    );
  }
  if (planned.length === 0) {
    return 'nothing-to-seed';
  }
  planned.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const outcome = await stores.transaction(async tx => {
    if (await tx.deployments.hasAny()) {
      return 'already-seeded' as const;
    }
    const stored = [];
    for (let i = 0; i < planned.length; i += BATCH) {
      stored.push(
        ...(await tx.deployments.insertManyIfAbsent(
          planned.slice(i, i + BATCH),
        )),
      );
    }
    for (const { deployment } of stored) {
      await tx.audit.append({
        actor: deployment.deployer,
        action: `deployment.${deployment.status}`,
        entityRef: deployment.systemRef,
        subjectType: 'deployment',
        subjectId: deployment.id,
        summary: `${describeDeployment(deployment)} (demo data)`,
        createdAt: deployment.finishedAt ?? deployment.startedAt,
      });
    }
    return 'seeded' as const;
  });
  if (outcome === 'seeded') {
    logger.info(
      `Demo data: seeded ${planned.length} deployments for ${systems.length} Systems`,
    );
  }
  return outcome;
}
