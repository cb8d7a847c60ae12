import {
  createTestDatabases,
  createTestStores,
} from '../__testUtils__/testStores';

jest.setTimeout(60_000);

const event = (n: number, entityRef = 'system:default/shop') => ({
  actor: 'user:default/alice',
  action: 'release.created',
  entityRef,
  subjectType: 'release',
  subjectId: `r${n}`,
  summary: `Release r${n}`,
  data: { n },
  createdAt: `2026-10-0${n}T00:00:00.000Z`,
});

describe('DatabaseAuditStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('chains events and lists them per entity, newest first', async () => {
      const { stores } = await createTestStores(databases, databaseId);
      const e1 = await stores.audit.append(event(1));
      const e2 = await stores.audit.append(event(2, 'component:default/api'));
      const e3 = await stores.audit.append(event(3));
      expect([e1.sequence, e2.sequence, e3.sequence]).toEqual([1, 2, 3]);
      expect(e1.prevHash).toBe('0'.repeat(64));
      expect(e2.prevHash).toBe(e1.hash);
      expect(e3.prevHash).toBe(e2.hash);

      const shop = await stores.audit.list({
        entityRef: 'system:default/shop',
        limit: 10,
      });
      expect(shop.map(e => e.subjectId)).toEqual(['r3', 'r1']);
      expect(await stores.audit.list({ limit: 1, beforeSequence: 3 })).toEqual([
        e2,
      ]);
      expect(await stores.audit.verify()).toMatchObject({
        valid: true,
        checkedEvents: 3,
      });
    });

    it("chains a transaction's events when it commits, and none when it rolls back", async () => {
      const { stores } = await createTestStores(databases, databaseId);
      const before = await stores.audit.append(event(1));
      const appended = await stores.transaction(async tx => {
        const a = await tx.audit.append(event(2));
        const b = await tx.audit.append(event(3));
        // Not written yet: the head is locked and the events chained just before commit.
        expect(await tx.audit.list({ limit: 10 })).toEqual([before]);
        return [a, b];
      });
      expect(appended.map(e => [e.sequence, e.subjectId])).toEqual([
        [2, 'r2'],
        [3, 'r3'],
      ]);
      expect(appended[0].prevHash).toBe(before.hash);
      expect(appended[1].prevHash).toBe(appended[0].hash);
      expect(await stores.audit.list({ limit: 2 })).toEqual(
        [...appended].reverse(),
      );

      await expect(
        stores.transaction(async tx => {
          await tx.audit.append(event(4));
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect(await stores.audit.verify()).toMatchObject({
        valid: true,
        checkedEvents: 3,
      });
    });

    it('detects an altered, a deleted and a re-hashed event', async () => {
      const { knex, stores } = await createTestStores(databases, databaseId);
      for (const n of [1, 2, 3]) {
        await stores.audit.append(event(n));
      }
      await knex('audit_events')
        .where({ sequence: 2 })
        .update({ summary: 'Release r2 (edited)' });
      expect(await stores.audit.verify()).toMatchObject({
        valid: false,
        firstBrokenSequence: 2,
        breaks: [
          {
            kind: 'altered',
            sequence: 2,
            message: expect.stringContaining('event 2 does not match its hash'),
          },
        ],
      });

      await knex('audit_events')
        .where({ sequence: 2 })
        .update({ summary: 'Release r2' });
      expect((await stores.audit.verify()).valid).toBe(true);

      await knex('audit_events').where({ sequence: 3 }).delete();
      expect(await stores.audit.verify()).toMatchObject({
        valid: false,
        checkedEvents: 2,
      });
    });

    it('keeps one unbroken chain when many transactions append at once', async () => {
      const { stores } = await createTestStores(databases, databaseId);
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          stores.transaction(tx =>
            tx.audit.append({ ...event(1), subjectId: `c${i}` }),
          ),
        ),
      );
      const verification = await stores.audit.verify();
      expect(verification).toMatchObject({ valid: true, checkedEvents: 20 });
    });
  });
});
