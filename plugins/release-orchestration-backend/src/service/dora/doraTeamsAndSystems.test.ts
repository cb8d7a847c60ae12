import { InputError } from '@backstage/errors';
import {
  createTestDatabases,
  createTestStores,
} from '../../__testUtils__/testStores';
import {
  HistoryStep,
  historyDora,
  playHistory,
  rounded,
} from '../../__testUtils__/doraHistory';

jest.setTimeout(120_000);

const H = 3600;
/** Monday 2 November 2026 to Monday 9 November (UTC); the previous window is the week before. */
const WEEK = {
  from: '2026-11-02T00:00:00.000Z',
  to: '2026-11-09T00:00:00.000Z',
};
const SHOP = 'system:default/shop';
const BANK = 'system:default/bank';
const CART = 'system:default/cart';

/** team-a owns shop, team-b owns bank, eng is their parent; cart is owned by no team. */
const history: HistoryStep[] = [
  // previous window: shop, committed 04:00, deployed 10:00: 6 h
  {
    build: 'api@0',
    at: '2026-10-28T08:00:00Z',
    commits: ['2026-10-28T04:00:00Z'],
  },
  { deploy: 'd0', components: ['api@0'], at: '2026-10-28T10:00:00Z' },
  // shop: 3 commits deployed 3 November 10:00: 4 h, 3 h, 2 h
  {
    build: 'api@1',
    at: '2026-11-03T09:00:00Z',
    commits: [
      '2026-11-03T06:00:00Z',
      '2026-11-03T07:00:00Z',
      '2026-11-03T08:00:00Z',
    ],
  },
  { deploy: 'd1', components: ['api@1'], at: '2026-11-03T10:00:00Z' },
  // shop: api@2 fails at 10:00, succeeds at 12:00: a failure restored in 2 h, a rework, lead 4 h
  {
    build: 'api@2',
    at: '2026-11-05T09:00:00Z',
    commits: ['2026-11-05T08:00:00Z'],
  },
  {
    deploy: 'd2',
    components: ['api@2'],
    at: '2026-11-05T10:00:00Z',
    failed: true,
  },
  { deploy: 'd3', components: ['api@2'], at: '2026-11-05T12:00:00Z' },
  // bank: 11.5 h and 24 h
  {
    build: 'ledger@1',
    at: '2026-11-04T09:00:00Z',
    commits: ['2026-11-04T08:30:00Z'],
  },
  {
    deploy: 'd4',
    system: 'bank',
    components: ['ledger@1'],
    at: '2026-11-04T20:00:00Z',
  },
  {
    build: 'ledger@2',
    at: '2026-11-06T09:00:00Z',
    commits: ['2026-11-06T00:00:00Z'],
  },
  {
    deploy: 'd5',
    system: 'bank',
    components: ['ledger@2'],
    at: '2026-11-07T00:00:00Z',
  },
  // cart: one failed deployment of a version CI never reported: no lead time
  {
    deploy: 'd6',
    system: 'cart',
    components: ['cart@1'],
    at: '2026-11-04T10:00:00Z',
    failed: true,
  },
];

describe('GET /dora/teams and GET /dora/systems (service) on a hand-computed history', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it("gives each team exactly its own report's figures, with exact medians of the team's commits", async () => {
      const { stores } = await createTestStores(databases, databaseId);
      await playHistory(stores, history);
      const dora = historyDora(stores);

      const teams = await dora.teams(WEEK);
      expect(teams.items.map(t => [t.ref, t.systemCount])).toEqual([
        ['group:default/eng', 2],
        ['group:default/team-a', 1],
        ['group:default/team-b', 1],
      ]);
      expect(teams.window).toEqual({ ...WEEK, days: 7 });
      expect(teams.previousWindow).toEqual({
        from: '2026-10-26T00:00:00.000Z',
        to: WEEK.from,
        days: 7,
      });
      for (const team of teams.items) {
        const report = await dora.report({ entity: team.ref, ...WEEK });
        expect({
          team: team.ref,
          current: team.current,
          previous: team.previous,
          trends: team.trends,
        }).toEqual({
          team: team.ref,
          current: report.current,
          previous: report.previous,
          trends: report.trends,
        });
      }

      const byRef = Object.fromEntries(
        teams.items.map(t => [t.ref, rounded(t)]),
      );
      expect(byRef['group:default/team-a'].current).toMatchObject({
        deploymentFrequency: { deployments: 2 },
        // [2, 3, 4, 4] h: median 3.5 h; p90 at rank 2.7: 4 h
        changeLeadTime: {
          commits: 4,
          medianSeconds: 3.5 * H,
          p90Seconds: 4 * H,
        },
        changeFailureRate: {
          deployments: 3,
          failedChanges: 1,
          failedToDeploy: 1,
          rate: rounded(1 / 3),
        },
        failedDeploymentRecoveryTime: {
          failures: 1,
          recovered: 1,
          medianSeconds: 2 * H,
        },
        reworkRate: { deployments: 3, reworked: 1, restoring: 1 },
      });
      // [11.5, 24] h: median 17.75 h
      expect(
        byRef['group:default/team-b'].current.changeLeadTime,
      ).toMatchObject({ commits: 2, medianSeconds: 17.75 * H });
      expect(byRef['group:default/eng'].current).toMatchObject({
        // shop 2 and bank 2 in 7 days: the median System 2/7 a day
        deploymentFrequency: {
          deployments: 4,
          ratedSystems: 2,
          ratedPerDay: rounded(2 / 7),
        },
        // [2, 3, 4, 4, 11.5, 24] h: median (4 + 4) / 2 = 4 h, not a mean of the teams' medians;
        // p90 at rank 4.5: 11.5 + 0.5 * 12.5 = 17.75 h
        changeLeadTime: {
          commits: 6,
          medianSeconds: 4 * H,
          p90Seconds: 17.75 * H,
        },
        changeFailureRate: { deployments: 5, failedChanges: 1, rate: 0.2 },
      });
      // the previous window: shop's one commit of 6 h; 6 h to 3.5 h is an improvement
      expect(
        byRef['group:default/team-a'].previous.changeLeadTime,
      ).toMatchObject({ commits: 1, medianSeconds: 6 * H });
      expect(byRef['group:default/team-a'].trends.changeLeadTime).toBe(
        'improved',
      );
    });

    it('sorts every System by a metric, without values last, and pages with cursors', async () => {
      const { stores } = await createTestStores(databases, databaseId);
      await playHistory(stores, history);
      const dora = historyDora(stores);
      const page = { entity: 'org', ...WEEK, limit: 25 };

      const byLead = await dora.systems({
        ...page,
        sort: 'changeLeadTime',
        order: 'asc',
      });
      // shop 3.5 h, bank 17.75 h, cart none
      expect(byLead.items.map(i => i.systemRef)).toEqual([SHOP, BANK, CART]);
      expect(byLead.items[0].current.changeLeadTime.medianSeconds).toBe(
        3.5 * H,
      );
      const desc = await dora.systems({
        ...page,
        sort: 'changeLeadTime',
        order: 'desc',
      });
      expect(desc.items.map(i => i.systemRef)).toEqual([BANK, SHOP, CART]);
      // cart 1/1, shop 1/3, bank 0/2
      const worstFailureRate = await dora.systems({
        ...page,
        sort: 'changeFailureRate',
        order: 'desc',
      });
      expect(
        worstFailureRate.items.map(i => [
          i.systemRef,
          rounded(i.current.changeFailureRate.rate),
        ]),
      ).toEqual([
        [CART, 1],
        [SHOP, rounded(1 / 3)],
        [BANK, 0],
      ]);
      expect(
        (
          await dora.systems({ ...page, sort: 'system', order: 'desc' })
        ).items.map(i => i.systemRef),
      ).toEqual([SHOP, CART, BANK]);

      // each System's row is its own report
      const shop = await dora.report({ entity: SHOP, ...WEEK });
      expect(byLead.items[0].current).toEqual(shop.current);
      expect(byLead.items[0].previous).toEqual(shop.previous);

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const next = await dora.systems({
          ...page,
          limit: 1,
          sort: 'changeLeadTime',
          order: 'desc',
          cursor,
        });
        expect(next.items).toHaveLength(1);
        seen.push(next.items[0].systemRef);
        cursor = next.nextCursor;
      } while (cursor);
      expect(seen).toEqual([BANK, SHOP, CART]);

      const first = await dora.systems({
        ...page,
        limit: 1,
        sort: 'changeLeadTime',
        order: 'desc',
      });
      await expect(
        dora.systems({
          ...page,
          limit: 1,
          sort: 'changeLeadTime',
          order: 'asc',
          cursor: first.nextCursor,
        }),
      ).rejects.toThrow(InputError);
      await expect(
        dora.systems({
          ...page,
          sort: 'reworkRate',
          order: 'asc',
          cursor: 'bm90LWEtY3Vyc29y',
        }),
      ).rejects.toThrow(/cursor: is not a cursor this API returned/);
    });

    it('lists only the Systems the caller may read, in full pages', async () => {
      const { stores } = await createTestStores(databases, databaseId);
      await playHistory(stores, history);
      const dora = historyDora(stores);
      const readable = async (systems: string[]) =>
        systems.filter(ref => ref !== BANK);

      const first = await dora.systems(
        {
          entity: 'org',
          ...WEEK,
          limit: 1,
          sort: 'changeLeadTime',
          order: 'desc',
        },
        undefined,
        readable,
      );
      expect(first.items.map(i => i.systemRef)).toEqual([SHOP]);
      const second = await dora.systems(
        {
          entity: 'org',
          ...WEEK,
          limit: 1,
          sort: 'changeLeadTime',
          order: 'desc',
          cursor: first.nextCursor,
        },
        undefined,
        readable,
      );
      expect(second.items.map(i => i.systemRef)).toEqual([CART]);
      expect(second.nextCursor).toBeUndefined();
    });
  });
});
