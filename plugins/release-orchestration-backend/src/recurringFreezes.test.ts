import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { responseContractErrors } from './__testUtils__/openapiContract';
import { promotionTestEntities } from './__testUtils__/orgFixtures';
import {
  as,
  promotionApi,
  promotionTestConfig,
} from './__testUtils__/promotionHarness';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { createTestDatabases } from './__testUtils__/testStores';

jest.setTimeout(60_000);

/** `HH:MM` in UTC, `hours` from now. */
function utcTime(hours: number) {
  return new Date(Date.now() + hours * 3600_000).toISOString().slice(11, 16);
}

describe('recurring freeze windows', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('hold promotions like one-off freezes, with the same emergency override, and are listed with their next opening and closing', async () => {
      // A daily window that is in force now (it may have opened yesterday and close tomorrow) for shop in dev,
      // and one for every System in production that opens in two hours.
      const [from, until, laterUntil] = [utcTime(-1), utcTime(2), utcTime(3)];
      const config = {
        releaseOrchestration: {
          ...promotionTestConfig.releaseOrchestration,
          recurringFreezes: [
            {
              name: 'dev-maintenance',
              environments: ['dev'],
              systems: ['shop'],
              timeZone: 'UTC',
              every: 'day',
              from,
              until,
              reason: 'database maintenance',
            },
            {
              name: 'later',
              environments: ['production'],
              timeZone: 'UTC',
              every: 'day',
              from: until,
              until: laterUntil,
            },
          ],
        },
      };
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        config,
        entities: promotionTestEntities(),
        permissions: {
          authorize: async (requests, options) =>
            requests.map(r => ({
              result:
                r.permission.name === 'release-orchestration.freeze.override' &&
                (options?.credentials.principal as any).userEntityRef !==
                  'user:default/rita'
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            })),
        },
      });
      const api = promotionApi(server);
      const schedule = `every day ${from} - ${until}${
        until > from ? '' : ' the next day'
      } UTC`;

      const listed = await api.get('/freezes');
      expect(listed.status).toBe(200);
      expect(
        responseContractErrors('get', '/freezes', listed.status, listed.body),
      ).toBeUndefined();
      const [current, later] = listed.body.items;
      expect(current).toMatchObject({
        id: 'recurring:dev-maintenance:dev',
        environment: 'dev',
        systems: ['system:default/shop'],
        reason: `Recurring: dev-maintenance, ${schedule} (database maintenance)`,
        createdBy: 'app-config',
        recurring: { name: 'dev-maintenance', schedule, timeZone: 'UTC' },
      });
      const now = Date.now();
      expect(Date.parse(current.start)).toBeLessThanOrEqual(now);
      expect(Date.parse(current.end)).toBeGreaterThan(now);
      expect(current.recurring.nextClosesAt).toBe(current.end);
      expect(
        Date.parse(current.recurring.nextOpensAt) - Date.parse(current.start),
      ).toBe(24 * 3600_000);
      expect(later).toMatchObject({
        id: 'recurring:later:production',
        environment: 'production',
        systems: [],
      });
      expect(Date.parse(later.start)).toBeGreaterThan(now);
      expect(later.recurring.nextOpensAt).toBe(later.start);
      expect(
        (await api.get('/freezes?environment=production')).body.items.map(
          (f: any) => f.id,
        ),
      ).toEqual(['recurring:later:production']);

      const r1 = await api.cutRelease('1.0.0');
      const r2 = await api.cutRelease('2.0.0');
      const check = await api.get(
        `/releases/${r1.id}/promotions/check?environment=dev`,
        as('dev1'),
      );
      expect(check.body.outcome).toBe('blocked');
      expect(
        responseContractErrors(
          'get',
          '/releases/{id}/promotions/check',
          check.status,
          check.body,
        ),
      ).toBeUndefined();
      expect(check.body.freezes.map((f: any) => f.id)).toEqual([
        'recurring:dev-maintenance:dev',
      ]);
      expect(check.body.unmetConditions).toEqual([
        {
          code: 'frozen',
          message: expect.stringContaining(
            `dev is frozen until ${current.end} (Recurring: dev-maintenance, ${schedule}`,
          ),
        },
      ]);
      const staging = await api.get(
        `/releases/${r1.id}/promotions/check?environment=production`,
        as('dev1'),
      );
      expect(staging.body.freezes).toEqual([]);

      const blocked = await api.request(r1.id, 'dev');
      expect(blocked.status).toBe(201);
      expect(blocked.body.state).toBe('blocked');
      expect(blocked.body.blockedReason).toContain(
        'Recurring: dev-maintenance',
      );

      const override = {
        emergencyOverride: {
          justification: 'Payments are failing for every customer',
        },
      };
      const notAllowed = await api.request(r2.id, 'dev', 'dev1', override);
      expect(notAllowed.status).toBe(403);
      expect(notAllowed.body.error.message).toContain(
        'release-orchestration.freeze.override',
      );
      const overridden = await api.request(r2.id, 'dev', 'rita', override);
      expect(overridden.status).toBe(201);
      expect(overridden.body).toMatchObject({
        state: 'approved',
        emergencyOverride: {
          by: 'user:default/rita',
          freezeIds: ['recurring:dev-maintenance:dev'],
        },
      });
      const audit = await api.get('/audit?entity=system:default/shop&limit=1');
      expect(audit.body.items[0].summary).toContain(
        `EMERGENCY OVERRIDE of freeze (Recurring: dev-maintenance, ${schedule} (database maintenance)): Payments are failing`,
      );

      const del = await api.del(
        '/freezes/recurring:dev-maintenance:dev',
        as('rita'),
      );
      expect(del.status).toBe(400);
      expect(
        responseContractErrors('delete', '/freezes/{id}', del.status, del.body),
      ).toBeUndefined();
      expect((await api.get(`/promotions/${blocked.body.id}`)).body.state).toBe(
        'blocked',
      );
    });
  });
});
