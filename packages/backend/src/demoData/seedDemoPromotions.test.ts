import { mockServices } from '@backstage/backend-test-utils';
import { EnvironmentPolicy } from '@release-orchestration/plugin-release-orchestration-common';
import { FakePolicyCatalog } from '@release-orchestration/plugin-release-orchestration-backend/src/__testUtils__/FakePolicyCatalog';
import { testPolicy } from '@release-orchestration/plugin-release-orchestration-backend/src/__testUtils__/seedRelease';
import {
  createTestDatabases,
  createTestStores,
} from '@release-orchestration/plugin-release-orchestration-backend/src/__testUtils__/testStores';
import { CatalogGateway } from '@release-orchestration/plugin-release-orchestration-backend/src/service/CatalogGateway';
import { seedDemoData } from './seedDemoData';
import { seedDemoPromotions } from './seedDemoPromotions';

jest.setTimeout(60_000);

const now = new Date('2026-11-23T12:00:00.000Z');
const systems: Record<string, string[]> = {
  'system:default/payments': [
    'component:default/payments-api',
    'component:default/ledger',
  ],
  'system:default/checkout': ['component:default/cart'],
};
const engineers = [
  'user:default/alice',
  'user:default/bob',
  'user:default/carol',
  'user:default/erin',
  'user:default/guest',
];
const managers = [
  'user:default/carol',
  'user:default/dave',
  'user:default/frank',
];
const policyCatalog = new FakePolicyCatalog(
  {
    'group:default/engineering': engineers,
    'group:default/release-managers': managers,
  },
  {
    'system:default/payments': {
      'release-orchestration.io/policy': 'regulated',
    },
  },
);
const catalog = Object.assign(policyCatalog, {
  listSystems: async () => Object.keys(systems),
});
const releaseCatalog: Pick<
  CatalogGateway,
  'listSystems' | 'getSystemComponents'
> = {
  listSystems: async () => Object.keys(systems),
  getSystemComponents: async (ref: string) =>
    systems[ref]?.map(componentRef => ({ componentRef })),
};
const environments: EnvironmentPolicy[] = [
  {
    name: 'dev',
    title: 'Dev',
    ...testPolicy({ approvers: [], minApprovals: 0 }),
  },
  {
    name: 'staging',
    title: 'Staging',
    ...testPolicy({
      approvers: ['group:default/engineering'],
      requiredEvidence: ['unit-tests'],
    }),
  },
  {
    name: 'production',
    title: 'Production',
    ...testPolicy({ requiredEvidence: ['unit-tests', 'security-scan'] }),
  },
];
const policies = new Map([
  [
    'regulated',
    {
      name: 'regulated',
      environments: new Map([
        [
          'production',
          {
            fields: {
              minApprovals: 2,
              requiredEvidence: ['unit-tests', 'change-ticket'],
            },
            rollback: {},
          },
        ],
      ]),
    },
  ],
]);

describe('seedDemoPromotions', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'seeds promotion history and open approvals once, on %p',
    async databaseId => {
      const { stores } = await createTestStores(databases, databaseId);
      const logger = mockServices.logger.mock();
      const seed = () =>
        seedDemoPromotions({
          stores,
          catalog,
          environments,
          policies,
          logger,
          now,
        });
      expect(await seed()).toBe('nothing-to-seed');
      await seedDemoData({
        stores,
        catalog: releaseCatalog as CatalogGateway,
        logger,
        now,
      });
      expect(await seed()).toBe('seeded');
      expect(await seed()).toBe('already-seeded');

      const all = await stores.promotions.list({ limit: 200 });
      for (const p of all) {
        expect(p.createdAt < now.toISOString()).toBe(true);
        expect(p.updatedAt < now.toISOString()).toBe(true);
      }
      const states = (env: string, system: string) =>
        all
          .filter(p => p.environment === env && p.systemRef === system)
          .map(p => p.state);
      for (const system of Object.keys(systems)) {
        for (const env of ['dev', 'staging', 'production']) {
          expect(states(env, system)).toContain('succeeded');
        }
        expect(states('staging', system)).toContain('pending_approval');
        expect(states('production', system)).toContain('pending_approval');
        expect(states('production', system)).toContain('rejected');
      }
      const regulated = all.find(
        p =>
          p.systemRef === 'system:default/payments' &&
          p.environment === 'production' &&
          p.state === 'succeeded',
      )!;
      expect(regulated).toMatchObject({
        policyName: 'regulated',
        approvalCount: 2,
        policy: { minApprovals: 2 },
      });
      expect(regulated.approvals.map(a => a.approver)).not.toContain(
        'user:default/guest',
      );
      expect(regulated.transitions.map(t => t.to)).toEqual([
        'pending_approval',
        'approved',
        'deploying',
        'succeeded',
      ]);
      const evidence = await stores.evidence.listForRelease(
        regulated.releaseId,
      );
      expect(evidence.map(e => e.type).sort()).toEqual([
        'change-ticket',
        'dependency-audit',
        'unit-tests',
      ]);

      const guestQueue = await stores.promotions.list({
        votableBy: {
          userRef: 'user:default/guest',
          groups: ['group:default/engineering'],
        },
        limit: 10,
      });
      expect(guestQueue.map(p => [p.systemRef, p.environment]).sort()).toEqual([
        ['system:default/checkout', 'staging'],
        ['system:default/payments', 'staging'],
      ]);
      expect((await stores.audit.verify()).valid).toBe(true);
    },
  );
});
