import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_RELEASE_ORCHESTRATION_SYSTEM } from '@release-orchestration/plugin-release-orchestration-common';
import { responseContractErrors } from './__testUtils__/openapiContract';
import { promotionTestEntities } from './__testUtils__/orgFixtures';
import {
  as,
  promotionApi,
  promotionTestConfig,
} from './__testUtils__/promotionHarness';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { createTestDatabases } from './__testUtils__/testStores';

jest.setTimeout(90_000);

/** `HH:MM` in UTC, `hours` from now. */
function utcTime(hours: number) {
  return new Date(Date.now() + hours * 3600_000).toISOString().slice(11, 16);
}

const ALL_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

describe('recurring freeze windows declared in the portal', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function start() {
      const config = {
        releaseOrchestration: {
          ...promotionTestConfig.releaseOrchestration,
          recurringFreezes: [
            {
              name: 'configured',
              environments: ['production'],
              timeZone: 'Europe/Berlin',
              every: ['fri'],
              from: '16:00',
              until: 'mon 08:00',
            },
          ],
        },
      };
      const { server, knex } = await startPluginBackend({
        databases,
        databaseId,
        config,
        entities: promotionTestEntities({ 'test.example/freezers': 'dev1' }),
        permissions: {
          // dev1 may manage freezes of shop only (the System annotated for them), not of a whole
          // lane; everyone else may do everything.
          authorizeConditional: async (requests, options) =>
            requests.map(r => {
              const user = (options?.credentials.principal as any)
                ?.userEntityRef;
              if (user !== 'user:default/dev1') {
                return { result: AuthorizeResult.ALLOW };
              }
              if (
                r.permission.name === 'release-orchestration.freeze.manage-all'
              ) {
                return { result: AuthorizeResult.DENY };
              }
              if (r.permission.name === 'release-orchestration.freeze.manage') {
                return {
                  result: AuthorizeResult.CONDITIONAL,
                  pluginId: 'release-orchestration',
                  resourceType: RESOURCE_TYPE_RELEASE_ORCHESTRATION_SYSTEM,
                  conditions: {
                    rule: 'HAS_ANNOTATION',
                    resourceType: RESOURCE_TYPE_RELEASE_ORCHESTRATION_SYSTEM,
                    params: {
                      annotation: 'test.example/freezers',
                      value: 'dev1',
                    },
                  },
                };
              }
              return { result: AuthorizeResult.ALLOW };
            }) as any,
          authorize: async (requests, options) =>
            requests.map(r => ({
              result:
                (options?.credentials.principal as any)?.userEntityRef ===
                  'user:default/dev1' &&
                r.permission.name === 'release-orchestration.freeze.manage-all'
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            })),
        },
      });
      return { api: promotionApi(server), knex };
    }

    it('declares, lists, previews, holds promotions, takes exceptions and deletes, every change audited', async () => {
      const { api, knex } = await start();
      const [from, until] = [utcTime(-1), utcTime(2)];
      const window = {
        name: 'dev-maintenance',
        environments: ['dev'],
        systems: ['system:default/shop'],
        every: ALL_DAYS,
        from,
        until,
        timeZone: 'UTC',
        reason: 'database maintenance',
      };
      const schedule = `every day ${from} - ${until}${
        until > from ? '' : ' the next day'
      } UTC`;

      const preview = await api.post('/recurring-freezes/preview', window);
      expect([preview.status, preview.body.error?.message]).toEqual([
        200,
        undefined,
      ]);
      expect(
        responseContractErrors(
          'post',
          '/recurring-freezes/preview',
          200,
          preview.body,
        ),
      ).toBeUndefined();
      expect(preview.body.schedule).toBe(schedule);
      expect(preview.body.openings).toHaveLength(5);
      const [now] = [Date.now()];
      expect(Date.parse(preview.body.openings[0].start)).toBeLessThanOrEqual(
        now,
      );
      expect(Date.parse(preview.body.openings[0].end)).toBeGreaterThan(now);
      expect(
        Date.parse(preview.body.openings[1].start) -
          Date.parse(preview.body.openings[0].start),
      ).toBe(24 * 3600_000);
      const [{ n: rowsAfterPreview }] = await knex('recurring_freezes').count({
        n: '*',
      });
      expect(Number(rowsAfterPreview)).toBe(0);

      const created = await api.post('/recurring-freezes', window, as('dev1'));
      expect(created.status).toBe(201);
      expect(
        responseContractErrors('post', '/recurring-freezes', 201, created.body),
      ).toBeUndefined();
      expect(created.body).toMatchObject({
        source: 'portal',
        name: 'dev-maintenance',
        environments: ['dev'],
        systems: ['system:default/shop'],
        every: ALL_DAYS,
        from,
        until,
        timeZone: 'UTC',
        exceptions: [],
        schedule,
        createdBy: 'user:default/dev1',
      });
      const id = created.body.id;

      // The same window again is answered with the stored one; another under its name is a 409.
      const again = await api.post('/recurring-freezes', window, as('dev1'));
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(id);
      const other = await api.post(
        '/recurring-freezes',
        { ...window, reason: 'something else' },
        as('dev1'),
      );
      expect(other.status).toBe(409);
      expect(other.body.error.message).toContain(
        "named 'dev-maintenance' exists",
      );
      const configuredName = await api.post(
        '/recurring-freezes',
        { ...window, name: 'configured' },
        as('rita'),
      );
      expect(configuredName.status).toBe(409);
      expect(configuredName.body.error.message).toContain('app-config');

      const listed = await api.get('/recurring-freezes', as('dev1'));
      expect(listed.status).toBe(200);
      expect(
        responseContractErrors('get', '/recurring-freezes', 200, listed.body),
      ).toBeUndefined();
      expect(
        listed.body.items.map((r: any) => [r.source, r.name, r.id]),
      ).toEqual([
        ['app-config', 'configured', undefined],
        ['portal', 'dev-maintenance', id],
      ]);
      expect(listed.body.items[0].schedule).toBe(
        'every Friday 16:00 - Monday 08:00 Europe/Berlin',
      );

      // GET /freezes and the gate treat it like a window of app-config.
      const freezes = await api.get('/freezes?environment=dev');
      expect(freezes.body.items).toEqual([
        expect.objectContaining({
          id: 'recurring:dev-maintenance:dev',
          createdBy: 'user:default/dev1',
          systems: ['system:default/shop'],
          recurring: expect.objectContaining({
            name: 'dev-maintenance',
            ruleId: id,
            schedule,
          }),
        }),
      ]);
      expect(
        responseContractErrors('get', '/freezes', 200, freezes.body),
      ).toBeUndefined();
      const release = await api.cutRelease('1.0.0');
      const check = await api.get(
        `/releases/${release.id}/promotions/check?environment=dev`,
        as('dev1'),
      );
      expect(check.body.outcome).toBe('blocked');
      expect(check.body.unmetConditions[0].message).toContain(
        'Recurring: dev-maintenance',
      );
      const blocked = await api.request(release.id, 'dev');
      expect(blocked.body.state).toBe('blocked');
      const viaFreezes = await api.del(
        '/freezes/recurring:dev-maintenance:dev',
        as('rita'),
      );
      expect(viaFreezes.status).toBe(400);
      expect(viaFreezes.body.error.message).toContain(
        `DELETE /recurring-freezes/${id}`,
      );

      // An exception for today (and yesterday, when the opening began then) lifts the current opening.
      const opening = freezes.body.items[0];
      const dates = [
        ...new Set([
          opening.start.slice(0, 10),
          new Date().toISOString().slice(0, 10),
        ]),
      ];
      for (const date of dates) {
        const added = await api.post(
          `/recurring-freezes/${id}/exceptions`,
          { date },
          as('dev1'),
        );
        expect(added.status).toBe(200);
        expect(added.body.exceptions).toContain(date);
        expect(
          responseContractErrors(
            'post',
            '/recurring-freezes/{id}/exceptions',
            200,
            added.body,
          ),
        ).toBeUndefined();
      }
      const repeated = await api.post(
        `/recurring-freezes/${id}/exceptions`,
        { date: dates[0] },
        as('dev1'),
      );
      expect(repeated.status).toBe(200);
      expect(repeated.body.exceptions).toEqual([...dates].sort());
      const afterException = await api.get(
        `/releases/${release.id}/promotions/check?environment=dev`,
        as('dev1'),
      );
      expect(afterException.body.freezes).toEqual([]);
      // Adding the exception released the blocked promotion at once.
      expect(
        (await api.get(`/promotions/${blocked.body.id}`)).body.state,
      ).not.toBe('blocked');

      const deleted = await api.del(`/recurring-freezes/${id}`, as('dev1'));
      expect(deleted.status).toBe(204);
      expect(
        (await api.del(`/recurring-freezes/${id}`, as('dev1'))).status,
      ).toBe(404);
      expect((await api.get('/freezes?environment=dev')).body.items).toEqual(
        [],
      );

      const audit = await api.get(
        '/audit?entity=system:default/shop&limit=20',
        as('rita'),
      );
      const actions = audit.body.items
        .map((e: any) => e.action)
        .filter((a: string) => a.startsWith('recurring-freeze.'));
      expect(actions).toEqual([
        'recurring-freeze.deleted',
        ...dates.map(() => 'recurring-freeze.exception-added'),
        'recurring-freeze.created',
      ]);
    });

    it('checks permissions per System and answers bad input with a 4xx naming it', async () => {
      const { api, knex } = await start();
      const window = {
        name: 'weekend',
        environments: ['production'],
        every: ['fri'],
        from: '16:00',
        until: 'mon 08:00',
        timeZone: 'Europe/Berlin',
        reason: 'weekend',
      };
      // dev1 may not freeze every System, nor another System than shop.
      const all = await api.post('/recurring-freezes', window, as('dev1'));
      expect(all.status).toBe(403);
      const otherSystem = await api.post(
        '/recurring-freezes',
        { ...window, systems: ['system:default/bank'] },
        as('dev1'),
      );
      expect(otherSystem.status).toBe(403);
      const byRita = await api.post('/recurring-freezes', window, as('rita'));
      expect(byRita.status).toBe(201);
      const deleteByDev = await api.del(
        `/recurring-freezes/${byRita.body.id}`,
        as('dev1'),
      );
      expect(deleteByDev.status).toBe(403);
      const exceptionByDev = await api.post(
        `/recurring-freezes/${byRita.body.id}/exceptions`,
        { date: '2026-12-25' },
        as('dev1'),
      );
      expect(exceptionByDev.status).toBe(403);

      const cases: Array<[object, string]> = [
        [{ ...window, timeZone: 'Mars/Olympus' }, 'timeZone'],
        [{ ...window, timeZone: 'Europe/Berlin; DROP' }, 'timeZone'],
        [{ ...window, every: ['friday'] }, 'every'],
        [{ ...window, every: [] }, 'every'],
        [{ ...window, every: ['fri', 'fri'] }, 'every'],
        [{ ...window, from: '25:00' }, 'from'],
        [{ ...window, until: 'someday 08:00' }, 'until'],
        [{ ...window, until: '16:00' }, 'until'],
        [{ ...window, name: 'Weekend!' }, 'name'],
        [{ ...window, environments: [] }, 'environments'],
        [{ ...window, environments: ['moon'] }, "'moon' is not a configured"],
        [{ ...window, exceptions: ['2026-02-30'] }, 'exceptions'],
        [{ ...window, systems: ['component:default/api'] }, 'systems'],
        [{ ...window, reason: '' }, 'reason'],
        [{ ...window, extra: 1 }, 'extra'],
      ];
      for (const [body, named] of cases) {
        for (const path of [
          '/recurring-freezes',
          '/recurring-freezes/preview',
        ]) {
          const res = await api.post(path, body, as('rita'));
          expect({ path, body, status: res.status }).toEqual({
            path,
            body,
            status: 400,
          });
          expect(res.body.error.message).toContain(named);
        }
      }
      const badDate = await api.post(
        `/recurring-freezes/${byRita.body.id}/exceptions`,
        { date: '25.12.2026' },
        as('rita'),
      );
      expect(badDate.status).toBe(400);
      expect(badDate.body.error.message).toContain('date');
      expect(
        (await api.del('/recurring-freezes/not-a-uuid', as('rita'))).status,
      ).toBe(400);
      expect(
        (
          await api.post(
            '/recurring-freezes/00000000-0000-4000-8000-000000000000/exceptions',
            { date: '2026-12-25' },
            as('rita'),
          )
        ).status,
      ).toBe(404);
      const [{ n }] = await knex('recurring_freezes').count({ n: '*' });
      expect(Number(n)).toBe(1);
    });

    it('lets two replicas declaring the same window race: one row, one audit event', async () => {
      const { api, knex } = await start();
      const window = {
        name: 'race',
        environments: ['staging'],
        every: ['sat'],
        from: '00:00',
        until: 'sun 23:00',
        timeZone: 'America/New_York',
        reason: 'quiet weekend',
      };
      const answers = await Promise.all(
        [1, 2, 3, 4].map(() =>
          api.post('/recurring-freezes', window, as('rita')),
        ),
      );
      expect(answers.map(a => a.status).sort()).toEqual([200, 200, 200, 201]);
      expect(new Set(answers.map(a => a.body.id)).size).toBe(1);
      const [{ n }] = await knex('recurring_freezes').count({ n: '*' });
      expect(Number(n)).toBe(1);
      const [{ events }] = await knex('audit_events')
        .where({ action: 'recurring-freeze.created' })
        .count({ events: '*' });
      expect(Number(events)).toBe(1);
    });
  });
});
