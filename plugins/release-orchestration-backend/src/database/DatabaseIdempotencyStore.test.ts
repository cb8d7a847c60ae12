import {
  IdempotencyClaim,
  IdempotencyKeyTakenError,
  runWithIdempotencyClaim,
} from '../idempotency/idempotencyScope';
import { IdempotencyService } from '../service/IdempotencyService';
import {
  createTestDatabases,
  createTestStores,
} from '../__testUtils__/testStores';

jest.setTimeout(60_000);

function claimOf(
  key: string,
  principal = 'service:external:ci',
): IdempotencyClaim {
  return {
    principal,
    key,
    requestHash: 'a'.repeat(64),
    method: 'POST',
    route: '/freezes',
    committed: false,
    subjectRecorded: false,
  };
}

const freeze = (id: string) => ({
  id,
  environment: 'production',
  systems: [],
  start: '2026-11-01T12:00:00.000Z',
  end: '2026-11-01T14:00:00.000Z',
  reason: 'Launch',
  createdBy: 'user:default/rita',
  createdAt: '2026-11-01T11:00:00.000Z',
});

describe('DatabaseIdempotencyStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('claims a key in the transaction of the change: it commits and rolls back with it', async () => {
      const { knex, stores } = await createTestStores(databases, databaseId);

      const failed = claimOf('k-1');
      await expect(
        runWithIdempotencyClaim(failed, () =>
          stores.transaction(async tx => {
            await tx.freezes.insert(
              freeze('00000000-0000-4000-8000-000000000001'),
            );
            throw new Error('the change failed');
          }),
        ),
      ).rejects.toThrow('the change failed');
      expect(failed.committed).toBe(false);
      expect(
        await stores.idempotency.get(failed.principal, 'k-1'),
      ).toBeUndefined();
      expect(Number((await knex('freezes').count({ n: '*' }))[0].n)).toBe(0);

      const claim = claimOf('k-1');
      const id = '00000000-0000-4000-8000-000000000002';
      await runWithIdempotencyClaim(claim, () =>
        stores.transaction(async tx => {
          await tx.freezes.insert(freeze(id));
          await tx.audit.append({
            actor: claim.principal,
            action: 'freeze.created',
            entityRef: 'environment:default/production',
            subjectType: 'freeze',
            subjectId: id,
            summary: 'Freeze',
            createdAt: '2026-11-01T11:00:00.000Z',
          });
        }),
      );
      expect(claim).toMatchObject({ committed: true, subjectRecorded: true });
      expect(await stores.idempotency.get(claim.principal, 'k-1')).toEqual({
        principal: claim.principal,
        key: 'k-1',
        requestHash: claim.requestHash,
        method: 'POST',
        route: '/freezes',
        subject: { type: 'freeze', id },
        createdAt: expect.any(String),
      });

      // Another request with the key: its transaction is refused before it changes anything.
      const second = claimOf('k-1');
      await expect(
        runWithIdempotencyClaim(second, () =>
          stores.transaction(tx =>
            tx.freezes.insert(freeze('00000000-0000-4000-8000-000000000003')),
          ),
        ),
      ).rejects.toBeInstanceOf(IdempotencyKeyTakenError);
      expect(Number((await knex('freezes').count({ n: '*' }))[0].n)).toBe(1);
      // The same key of another principal is another key.
      const other = claimOf('k-1', 'user:default/rita');
      await runWithIdempotencyClaim(other, () =>
        stores.transaction(async () => undefined),
      );
      expect(
        await stores.idempotency.get('user:default/rita', 'k-1'),
      ).toMatchObject({ key: 'k-1' });

      // The first answer is kept.
      await stores.idempotency.complete(
        claim,
        { status: 201, body: '{"a":1}' },
        '2026-11-01T11:00:01.000Z',
      );
      await stores.idempotency.complete(
        claim,
        { status: 201, body: '{"a":2}' },
        '2026-11-01T11:00:02.000Z',
      );
      expect(
        (await stores.idempotency.get(claim.principal, 'k-1'))?.response,
      ).toEqual({ status: 201, body: '{"a":1}' });
    });

    it('stores the answer of a request that made no transaction', async () => {
      const { stores } = await createTestStores(databases, databaseId);
      await stores.idempotency.complete(
        claimOf('k-2'),
        { status: 200, body: '[]' },
        '2026-11-01T11:00:00.000Z',
      );
      expect(
        await stores.idempotency.get('service:external:ci', 'k-2'),
      ).toMatchObject({
        response: { status: 200, body: '[]' },
      });
    });

    it('removes keys older than the retention period, in batches, and keeps newer ones', async () => {
      const { knex, stores } = await createTestStores(databases, databaseId);
      const day = (d: number) =>
        new Date(Date.UTC(2026, 10, d, 12)).toISOString();
      const rows = Array.from({ length: 1205 }, (_, i) => ({
        principal: 'service:external:ci',
        idempotency_key: `old-${i}`,
        request_hash: 'b'.repeat(64),
        method: 'POST',
        route: '/builds',
        created_at: day(1),
      }));
      for (let i = 0; i < rows.length; i += 100) {
        await knex('idempotency_keys').insert(rows.slice(i, i + 100));
      }
      await stores.idempotency.claim(claimOf('recent'), day(5));
      const service = new IdempotencyService(stores.idempotency, {
        retentionDays: 7,
        now: () => new Date(day(10)),
      });
      expect(await service.purgeExpired()).toBe(1205);
      expect(await knex('idempotency_keys').pluck('idempotency_key')).toEqual([
        'recent',
      ]);
      expect(await service.purgeExpired()).toBe(0);
    });
  });
});
