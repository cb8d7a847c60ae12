import { randomUUID } from 'node:crypto';
import {
  newPromotion,
  seedRelease,
  testPolicy,
} from '../__testUtils__/seedRelease';
import {
  createTestDatabases,
  createTestStores,
} from '../__testUtils__/testStores';

jest.setTimeout(60_000);

const at = (minute: number) =>
  `2026-11-02T10:${String(minute).padStart(2, '0')}:00.000Z`;

describe('DatabasePromotionStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('keeps one open promotion per release and environment, also under concurrent inserts', async () => {
      const { stores } = await createTestStores(databases, databaseId);
      const release = await seedRelease(stores, 'r1');
      const attempts = await Promise.all(
        Array.from({ length: 10 }, () =>
          stores.transaction(tx =>
            tx.promotions.insertUnlessOpen(newPromotion(release, 'production')),
          ),
        ),
      );
      const winners = attempts.filter(a => a.inserted);
      expect(winners).toHaveLength(1);
      const [open] = await stores.promotions.listForRelease(release.id);
      for (const loser of attempts.filter(a => !a.inserted)) {
        expect(loser).toEqual({ inserted: false, openId: open.id });
      }
      expect(
        await stores.promotions.insertUnlessOpen(
          newPromotion(release, 'staging'),
        ),
      ).toEqual({ inserted: true });

      expect(
        await stores.promotions.transition(open.id, {
          from: 'pending_approval',
          to: 'cancelled',
          actor: 'user:default/x',
          createdAt: at(1),
        }),
      ).toBe(true);
      expect(
        await stores.promotions.insertUnlessOpen(
          newPromotion(release, 'production'),
        ),
      ).toEqual({ inserted: true });
      const states = (await stores.promotions.listForRelease(release.id)).map(
        p => `${p.environment}:${p.state}`,
      );
      expect(states.sort()).toEqual([
        'production:cancelled',
        'production:pending_approval',
        'staging:pending_approval',
      ]);
    });

    it('stores the policy, override, votes once per person and every transition in order', async () => {
      const { stores } = await createTestStores(databases, databaseId);
      const release = await seedRelease(stores, 'r1');
      const input = newPromotion(release, 'production', {
        policy: testPolicy({
          minApprovals: 2,
          requiredEvidence: ['unit-tests'],
        }),
        justification: 'Black Friday fix',
        emergencyOverride: {
          justification: 'Checkout is down for everyone',
          by: 'user:default/requester',
          freezeIds: ['f1'],
        },
        policyName: 'regulated',
      });
      await stores.promotions.insertUnlessOpen(input);
      const vote = (approver: string) =>
        stores.promotions.insertApproval({
          id: randomUUID(),
          promotionId: input.id,
          approver,
          decision: 'approve',
          createdAt: at(2),
        });
      expect(await vote('user:default/rita')).toBe(true);
      expect(await vote('user:default/rita')).toBe(false);
      expect(
        await stores.promotions.incrementApprovalCount(input.id, at(2)),
      ).toBe(1);
      expect(
        await stores.promotions.transition(input.id, {
          from: 'approved',
          to: 'deploying',
          actor: 'a',
          createdAt: at(3),
        }),
      ).toBe(false);
      expect(
        await stores.promotions.transition(input.id, {
          from: 'pending_approval',
          to: 'approved',
          actor: 'user:default/rita',
          reason: '2 of 2',
          createdAt: at(3),
        }),
      ).toBe(true);
      expect(
        await stores.promotions.incrementApprovalCount(input.id, at(4)),
      ).toBeUndefined();

      const stored = await stores.promotions.getForUpdate(input.id);
      expect(stored).toEqual({
        id: input.id,
        releaseId: release.id,
        releaseVersion: 'r1',
        systemRef: 'system:default/shop',
        environment: 'production',
        state: 'approved',
        requestedBy: 'user:default/requester',
        justification: 'Black Friday fix',
        rollback: false,
        emergencyOverride: {
          justification: 'Checkout is down for everyone',
          by: 'user:default/requester',
          freezeIds: ['f1'],
        },
        policyName: 'regulated',
        policy: testPolicy({
          minApprovals: 2,
          requiredEvidence: ['unit-tests'],
        }),
        approvalCount: 1,
        createdAt: input.createdAt,
        updatedAt: at(3),
        approvals: [
          {
            id: expect.any(String),
            promotionId: input.id,
            approver: 'user:default/rita',
            decision: 'approve',
            createdAt: at(2),
          },
        ],
        transitions: [
          {
            to: 'pending_approval',
            actor: 'user:default/requester',
            createdAt: input.createdAt,
          },
          {
            from: 'pending_approval',
            to: 'approved',
            actor: 'user:default/rita',
            reason: '2 of 2',
            createdAt: at(3),
          },
        ],
      });
      expect(await stores.promotions.get(randomUUID())).toBeUndefined();
    });

    it('lists the queue of one approver: their groups, no vote yet, separation of duties, paginated', async () => {
      const { stores } = await createTestStores(databases, databaseId);
      const mine = await seedRelease(stores, 'by-rita', {
        createdBy: 'user:default/rita',
      });
      const other = await seedRelease(stores, 'by-author');
      const bank = await seedRelease(stores, 'bank-1', {
        systemRef: 'system:default/bank',
      });
      const ids: Record<string, string> = {};
      const add = async (
        name: string,
        release: typeof mine,
        env: string,
        minute: number,
        extra = {},
      ) => {
        const p = newPromotion(release, env, {
          createdAt: at(minute),
          ...extra,
        });
        ids[name] = p.id;
        await stores.promotions.insertUnlessOpen(p);
      };
      await add('authoredByRita', mine, 'production', 1);
      await add('authoredByRitaNoSod', mine, 'staging', 2, {
        policy: testPolicy({ separationOfDuties: false }),
      });
      await add('requestedByRita', other, 'production', 3, {
        requestedBy: 'user:default/rita',
      });
      await add('otherGroup', other, 'staging', 4, {
        policy: testPolicy({ approvers: ['group:default/qa'] }),
      });
      await add('bank', bank, 'production', 5);
      await add('voted', bank, 'staging', 6);
      await add('approved', other, 'dev', 7, { state: 'approved' });
      await stores.promotions.insertApproval({
        id: randomUUID(),
        promotionId: ids.voted,
        approver: 'user:default/rita',
        decision: 'approve',
        createdAt: at(8),
      });

      const votable = {
        userRef: 'user:default/rita',
        groups: ['group:default/release-managers'],
      };
      const all = await stores.promotions.list({
        votableBy: votable,
        limit: 10,
      });
      expect(all.map(p => p.id)).toEqual([ids.bank, ids.authoredByRitaNoSod]);
      const page1 = await stores.promotions.list({
        votableBy: votable,
        limit: 1,
      });
      const page2 = await stores.promotions.list({
        votableBy: votable,
        limit: 1,
        cursor: { createdAt: page1[0].createdAt, id: page1[0].id },
      });
      expect([...page1, ...page2].map(p => p.id)).toEqual([
        ids.bank,
        ids.authoredByRitaNoSod,
      ]);
      expect(
        (
          await stores.promotions.list({
            votableBy: votable,
            systemRef: 'system:default/shop',
            limit: 10,
          })
        ).map(p => p.id),
      ).toEqual([ids.authoredByRitaNoSod]);
      expect(
        await stores.promotions.list({
          votableBy: { ...votable, groups: [] },
          limit: 10,
        }),
      ).toEqual([]);
      expect(
        (await stores.promotions.list({ state: 'approved', limit: 10 })).map(
          p => p.id,
        ),
      ).toEqual([ids.approved]);
      expect(
        (
          await stores.promotions.list({ environment: 'staging', limit: 10 })
        ).map(p => p.id),
      ).toEqual([ids.voted, ids.otherGroup, ids.authoredByRitaNoSod]);
      // The count: what every page of the list holds, by System, in one statement.
      expect(
        await stores.promotions.countBySystem({ votableBy: votable }),
      ).toEqual(
        new Map([
          ['system:default/bank', 1],
          ['system:default/shop', 1],
        ]),
      );
      expect(
        await stores.promotions.countBySystem({
          votableBy: votable,
          systemRef: 'system:default/shop',
        }),
      ).toEqual(new Map([['system:default/shop', 1]]));
      expect(
        await stores.promotions.countBySystem({
          votableBy: { ...votable, groups: [] },
        }),
      ).toEqual(new Map());
      expect(
        await stores.promotions.countBySystem({
          votableBy: { userRef: 'user:default/sam', groups: votable.groups },
        }),
      ).toEqual(
        new Map([
          ['system:default/bank', 2],
          ['system:default/shop', 3],
        ]),
      );
      expect(
        await stores.promotions.countBySystem({ environment: 'staging' }),
      ).toEqual(
        new Map([
          ['system:default/bank', 1],
          ['system:default/shop', 2],
        ]),
      );
      expect(
        await stores.promotions.countBySystem({ state: 'approved' }),
      ).toEqual(new Map([['system:default/shop', 1]]));
      expect(await stores.promotions.listPendingApproverGroups({})).toEqual([
        'group:default/qa',
        'group:default/release-managers',
      ]);
      expect(
        await stores.promotions.listPendingApproverGroups({
          environment: 'staging',
          systemRef: 'system:default/bank',
        }),
      ).toEqual(['group:default/release-managers']);
    });

    it('answers what succeeded where, what was deployed last, and what is blocked', async () => {
      const { stores } = await createTestStores(databases, databaseId);
      const r1 = await seedRelease(stores, 'r1', {
        createdAt: '2026-11-01T00:00:00.000Z',
      });
      const r2 = await seedRelease(stores, 'r2', {
        createdAt: '2026-11-01T01:00:00.000Z',
      });
      const walk = async (
        release: typeof r1,
        minute: number,
        final: 'succeeded' | 'failed',
        extra = {},
      ) => {
        const p = newPromotion(release, 'production', {
          state: 'approved',
          createdAt: at(minute),
          ...extra,
        });
        await stores.promotions.insertUnlessOpen(p);
        await stores.promotions.transition(p.id, {
          from: 'approved',
          to: 'deploying',
          actor: 'ci',
          createdAt: at(minute + 1),
        });
        await stores.promotions.transition(p.id, {
          from: 'deploying',
          to: final,
          actor: 'ci',
          createdAt: at(minute + 2),
        });
        return p.id;
      };
      expect(
        await stores.promotions.latestDeployedReleaseId(
          'system:default/shop',
          'production',
        ),
      ).toBeUndefined();
      const p1 = await walk(r1, 10, 'succeeded');
      const p2 = await walk(r2, 20, 'failed');
      const p3 = await walk(r1, 30, 'succeeded', { rollback: true });
      expect(await stores.promotions.hasSucceeded(r1.id, 'production')).toBe(
        true,
      );
      expect(await stores.promotions.hasSucceeded(r2.id, 'production')).toBe(
        false,
      );
      expect(await stores.promotions.hasSucceeded(r1.id, 'staging')).toBe(
        false,
      );
      expect(
        await stores.promotions.listSucceeded(
          'system:default/shop',
          'production',
        ),
      ).toEqual([
        {
          promotionId: p3,
          releaseId: r1.id,
          releaseCreatedAt: r1.createdAt,
          rollback: true,
          succeededAt: at(32),
        },
        {
          promotionId: p1,
          releaseId: r1.id,
          releaseCreatedAt: r1.createdAt,
          rollback: false,
          succeededAt: at(12),
        },
      ]);
      expect(p2).toBeDefined();
      expect(
        await stores.promotions.latestDeployedReleaseId(
          'system:default/shop',
          'production',
        ),
      ).toBe(r1.id);

      const blocked = newPromotion(r2, 'staging', {
        state: 'blocked',
        blockedReason: 'frozen until Monday',
        createdAt: at(40),
      });
      await stores.promotions.insertUnlessOpen(blocked);
      const [listed] = await stores.promotions.listBlocked(10);
      expect(listed).toMatchObject({
        id: blocked.id,
        state: 'blocked',
        blockedReason: 'frozen until Monday',
      });
      await stores.promotions.transition(blocked.id, {
        from: 'blocked',
        to: 'pending_approval',
        actor: 'x',
        reason: 'freeze ended',
        createdAt: at(41),
      });
      expect(
        (await stores.promotions.get(blocked.id))?.blockedReason,
      ).toBeUndefined();
      expect(await stores.promotions.listBlocked(10)).toEqual([]);
    });
  });
});
