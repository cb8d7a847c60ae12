import { historyDora, playHistory } from '../../__testUtils__/doraHistory';
import { generatedHistory } from '../../__testUtils__/generatedDoraHistory';
import {
  createTestDatabases,
  createTestStores,
} from '../../__testUtils__/testStores';

jest.setTimeout(120_000);

/** Windows with edges inside a day (so days are cut) and one of whole days. */
const WINDOWS = [
  { from: '2026-11-06T07:30:00.000Z', to: '2026-11-13T13:15:00.000Z' },
  { from: '2026-11-09T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z' },
];

describe('every team and System at once (GET /dora/teams, /dora/systems) against GET /dora one at a time', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it.each([1, 2, 3])(
      'gives the same figures on generated history %p',
      async seed => {
        const { stores } = await createTestStores(databases, databaseId);
        await playHistory(stores, generatedHistory(seed));
        const dora = historyDora(stores);
        for (const window of WINDOWS) {
          const teams = await dora.teams(window);
          expect(teams.items.map(t => t.ref)).toEqual([
            'group:default/eng',
            'group:default/team-a',
            'group:default/team-b',
          ]);
          for (const team of teams.items) {
            const report = await dora.report({ entity: team.ref, ...window });
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
          // The history is not trivial: lead times, failures and deployments on shared days.
          const eng = teams.items[0].current;
          expect(eng.changeLeadTime.commits).toBeGreaterThan(3);
          expect(eng.changeFailureRate.failedChanges).toBeGreaterThan(0);

          const systems = await dora.systems({
            entity: 'org',
            ...window,
            sort: 'changeLeadTime',
            order: 'desc',
            limit: 10,
          });
          expect(systems.items.map(s => s.systemRef).sort()).toEqual([
            'system:default/bank',
            'system:default/shop',
          ]);
          for (const row of systems.items) {
            const report = await dora.report({
              entity: row.systemRef,
              ...window,
            });
            expect({
              system: row.systemRef,
              current: row.current,
              previous: row.previous,
            }).toEqual({
              system: row.systemRef,
              current: report.current,
              previous: report.previous,
            });
          }
        }
      },
    );
  });
});
