import { TestDatabaseId } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import {
  groupEntity,
  promotionTestEntities,
  userEntity,
} from './__testUtils__/orgFixtures';
import { as, promotionApi } from './__testUtils__/promotionHarness';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { createTestDatabases } from './__testUtils__/testStores';

jest.setTimeout(120_000);

const VOTERS = Array.from({ length: 50 }, (_, i) => `voter${i + 1}`);

const config = {
  releaseOrchestration: {
    environments: [
      { name: 'dev' },
      {
        name: 'production',
        approvers: ['group:default/approvers'],
        minApprovals: 3,
        separationOfDuties: true,
      },
    ],
  },
};

const entities = [
  ...promotionTestEntities(),
  groupEntity('approvers', VOTERS),
  ...VOTERS.map(v => userEntity(v, ['approvers'])),
];

async function count(
  knex: Knex,
  table: string,
  where: Record<string, unknown>,
) {
  const [row] = await knex(table).where(where).count({ n: '*' });
  return Number(row.n);
}

/**
 * Two backend instances (replicas) on one database: on PostgreSQL each with its own connection
 * pool to the same database, on SQLite sharing the one connection an in-memory database has.
 */
describe('promotions under concurrent requests to two replicas', () => {
  const databases = createTestDatabases();
  const extraConnections: Knex[] = [];
  afterAll(async () => {
    for (const connection of extraConnections) {
      await connection.destroy();
    }
  });

  /** Two backends on one fresh database; `replica(i)` alternates between them. */
  async function twoReplicas(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    let second = knex;
    if (databaseId.startsWith('POSTGRES')) {
      second = knexFactory(knex.client.config);
      extraConnections.push(second);
    }
    const a = await startPluginBackend({
      databases,
      databaseId,
      knex,
      config,
      entities,
    });
    const b = await startPluginBackend({
      databases,
      databaseId,
      knex: second,
      config,
      entities,
    });
    const apiA = promotionApi(a.server);
    const apiB = promotionApi(b.server);
    return {
      knex,
      apiA,
      apiB,
      replica: (i: number) => (i % 2 === 0 ? apiA : apiB),
    };
  }

  it.each(databases.eachSupportedId())(
    'counts 50 concurrent votes and duplicate requests exactly once on %p',
    async databaseId => {
      const { knex, apiA, apiB, replica } = await twoReplicas(databaseId);

      const r1 = await apiA.cutRelease('1.0.0');
      await apiA.promote(r1.id, 'dev');
      const requested = await apiB.request(r1.id, 'production', 'dev1');
      expect(requested.status).toBe(201);
      const promotionId = requested.body.id;

      const votes = await Promise.all(
        VOTERS.map((voter, i) =>
          replica(i).vote(promotionId, voter, 'approve', `ok from ${voter}`),
        ),
      );
      const statuses = votes.map(v => v.status);
      expect(statuses.filter(s => s !== 201 && s !== 409)).toEqual([]);
      expect(statuses.filter(s => s === 201)).toHaveLength(3);
      for (const conflict of votes.filter(v => v.status === 409)) {
        expect(conflict.body.error.message).toBe(
          'The promotion is approved; votes are only taken while it is pending_approval',
        );
      }
      expect(
        await count(knex, 'approvals', { promotion_id: promotionId }),
      ).toBe(3);
      expect(
        await count(knex, 'promotion_transitions', {
          promotion_id: promotionId,
          to_state: 'approved',
        }),
      ).toBe(1);
      expect(
        await count(knex, 'audit_events', {
          subject_id: promotionId,
          action: 'promotion.approved',
        }),
      ).toBe(1);
      expect(
        await count(knex, 'audit_events', {
          subject_id: promotionId,
          action: 'approval.recorded',
        }),
      ).toBe(3);
      const promotion = await apiA.get(`/promotions/${promotionId}`);
      expect(promotion.body).toMatchObject({
        state: 'approved',
        approvalCount: 3,
      });
      expect(promotion.body.approvals).toHaveLength(3);

      const r2 = await apiB.cutRelease('2.0.0');
      const requests = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          replica(i).request(r2.id, 'dev', i % 3 === 0 ? 'dev1' : 'dev2'),
        ),
      );
      expect(requests.filter(r => r.status === 201)).toHaveLength(1);
      for (const refused of requests.filter(r => r.status !== 201)) {
        expect(refused.status).toBe(409);
        expect(refused.body.unmetConditions.map((c: any) => c.code)).toEqual([
          'open-promotion',
        ]);
      }
      expect(
        await count(knex, 'promotions', {
          release_id: r2.id,
          environment: 'dev',
        }),
      ).toBe(1);
      expect(
        await count(knex, 'audit_events', {
          action: 'promotion.requested',
          entity_ref: 'system:default/shop',
        }),
      ).toBe(3);

      // The winner moves once, whichever replica is asked.
      const [winner] = requests.filter(r => r.status === 201);
      const moves = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          replica(i).post(
            `/promotions/${winner.body.id}/cancel`,
            {},
            as(i % 2 ? 'dev1' : 'dev2'),
          ),
        ),
      );
      expect(moves.filter(m => m.status === 200)).toHaveLength(1);
      expect(moves.filter(m => m.status === 409)).toHaveLength(9);
      expect(
        await count(knex, 'promotion_transitions', {
          promotion_id: winner.body.id,
          to_state: 'cancelled',
        }),
      ).toBe(1);
      expect((await apiB.get('/audit/verify')).body.valid).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'takes mixed writes on one System at once without a deadlock, and keeps one audit chain, on %p',
    async databaseId => {
      const { knex, apiA, apiB, replica } = await twoReplicas(databaseId);

      // An approved production promotion (its deployment locks: System, audit head, promotion),
      // and one pending approval (votes lock: audit head, promotion).
      const r1 = await apiA.cutRelease('1.0.0');
      await apiA.promote(r1.id, 'dev');
      const approved = (await apiA.request(r1.id, 'production', 'dev1')).body
        .id;
      for (const voter of VOTERS.slice(0, 3)) {
        expect((await apiB.vote(approved, voter)).status).toBe(201);
      }
      const r2 = await apiA.cutRelease('2.0.0', '1.1.0');
      await apiA.promote(r2.id, 'dev');
      const pending = (await apiB.request(r2.id, 'production', 'dev1')).body.id;

      const eventsBefore = await count(knex, 'audit_events', {});
      const writes = [
        replica(1).post('/deployments', {
          idempotencyKey: 'carrying',
          environment: 'production',
          promotionId: approved,
          status: 'succeeded',
        }),
        ...Array.from({ length: 16 }, (_, i) =>
          replica(i).post('/deployments', {
            idempotencyKey: `plain-${i}`,
            environment: 'production',
            releaseId: i % 2 ? r1.id : r2.id,
            status: i % 4 === 3 ? 'failed' : 'succeeded',
          }),
        ),
        ...Array.from({ length: 8 }, (_, i) =>
          replica(i + 1).post('/incidents', {
            externalId: `INC-${i}`,
            system: 'system:default/shop',
            title: `Errors ${i}`,
            openedAt: new Date(Date.now() - 60_000).toISOString(),
          }),
        ),
        ...VOTERS.slice(3, 9).map((voter, i) =>
          replica(i).vote(pending, voter),
        ),
      ];
      const answers = await Promise.all(writes);
      const statuses = answers.map(r => r.status);
      // Votes after the third find the promotion approved (409); nothing else may fail.
      expect(statuses.filter(s => s >= 500)).toEqual([]);
      expect(statuses.slice(0, 25).every(s => s === 201)).toBe(true);
      expect(statuses.slice(25).filter(s => s === 201)).toHaveLength(3);

      expect((await apiA.get(`/promotions/${approved}`)).body.state).toBe(
        'succeeded',
      );
      expect((await apiB.get(`/promotions/${pending}`)).body.state).toBe(
        'approved',
      );
      expect(await count(knex, 'dora_deployment_facts', {})).toBe(17);
      expect(await count(knex, 'audit_events', {})).toBeGreaterThanOrEqual(
        eventsBefore + 25 + 3,
      );
      expect((await apiB.get('/audit/verify')).body).toMatchObject({
        valid: true,
      });
    },
  );
});
