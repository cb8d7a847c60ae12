import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { EnvironmentPolicy } from '@release-orchestration/plugin-release-orchestration-common';
import { BuildService } from '../service/BuildService';
import { CatalogGateway } from '../service/CatalogGateway';
import {
  DeploymentService,
  PromotionOutcomeRecorder,
  ReportDeploymentInput,
} from '../service/DeploymentService';
import { DriftService } from '../service/DriftService';
import { EventPublisher } from '../service/EventPublisher';
import { ReleaseService } from '../service/ReleaseService';
import { buildInput } from './fixtures';
import { createTestStores, steppingClock } from './testStores';

/** A catalog whose System membership a test can change (components joining and leaving). */
export class FakeCatalog implements CatalogGateway {
  constructor(readonly systems: Map<string, string[]>) {}

  async getSystemComponents(systemRef: string) {
    return this.systems.get(systemRef)?.map(componentRef => ({ componentRef }));
  }

  async listSystems() {
    return [...this.systems.keys()].sort();
  }

  async getComponentSystem(componentRef: string) {
    for (const [systemRef, components] of this.systems) {
      if (components.includes(componentRef)) {
        return { systemRef };
      }
    }
    return undefined;
  }

  async getOwnedSystems(entityRef: string) {
    return this.systems.has(entityRef) ? [entityRef] : undefined;
  }
}

/** Lanes dev -> staging -> production. */
export const testLanes: EnvironmentPolicy[] = [
  'dev',
  'staging',
  'production',
].map((name, i) => ({
  name,
  title: name.toUpperCase(),
  approvers: [],
  minApprovals: 0,
  separationOfDuties: false,
  requiredEvidence: [],
  requirePreviousEnvironment: i > 0,
}));

/** The catalog the harnesses share: the shop (api, web) and the bank (ledger). */
export function shopAndBankCatalog(): FakeCatalog {
  return new FakeCatalog(
    new Map([
      [
        'system:default/shop',
        ['component:default/api', 'component:default/web'],
      ],
      ['system:default/bank', ['component:default/ledger']],
    ]),
  );
}

/**
 * Stores on a real database with the build, release, deployment and drift services wired as the
 * plugin wires them, a stepping clock, and shortcuts for the scenarios the tests tell.
 */
export async function createDeploymentHarness(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  options: { promotions?: PromotionOutcomeRecorder } = {},
) {
  const { knex, stores } = await createTestStores(databases, databaseId);
  const catalog = shopAndBankCatalog();
  const clock = steppingClock('2026-11-01T00:00:00.000Z');
  const events = new EventPublisher([], mockServices.logger.mock());
  const builds = new BuildService(stores, catalog, events, clock);
  const releases = new ReleaseService(
    stores,
    catalog,
    events,
    clock,
    testLanes.map(l => l.name),
  );
  const promotions = options.promotions ?? {
    recordDeploymentOutcome: async () => {
      throw new Error('no promotions in this test');
    },
  };
  const deployments = new DeploymentService(
    stores,
    catalog,
    testLanes.map(l => l.name),
    promotions,
    events,
    clock,
  );
  const drift = new DriftService(stores, catalog, testLanes);
  let keys = 0;
  let hour = 0;

  return {
    knex,
    stores,
    catalog,
    builds,
    releases,
    deployments,
    drift,
    /** Reports builds and cuts a release of shop with exactly these component versions. */
    async release(version: string, components: Record<string, string>) {
      for (const [component, v] of Object.entries(components)) {
        await builds.report(buildInput(component, v), 'service:ci');
      }
      return releases.create(
        {
          system: 'system:default/shop',
          version,
          riskClass: 'low',
          components: Object.entries(components).map(([component, v]) => ({
            component: `component:default/${component}`,
            version: v,
          })),
        },
        'user:default/alice',
      );
    },
    /** Reports a finished deployment an hour after the previous one, with a fresh key. */
    async deploy(input: Partial<ReportDeploymentInput>) {
      keys += 1;
      hour += 1;
      const at = new Date(
        Date.parse('2026-11-02T00:00:00.000Z') + hour * 3_600_000,
      ).toISOString();
      return deployments.report(
        {
          idempotencyKey: `k${keys}`,
          environment: 'dev',
          status: 'succeeded',
          rollback: false,
          hotfix: false,
          startedAt: at,
          finishedAt: at,
          ...input,
        },
        'service:cd',
      );
    },
    /** The lane's state by name. */
    async lane(name: string, systemRef = 'system:default/shop') {
      const { environments } = await drift.systemEnvironments(systemRef);
      return environments.find(e => e.environment === name)!;
    },
  };
}
