import { registerMswTestHooks } from '@backstage/test-utils';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { RecurringFreezeRule } from '@release-orchestration/plugin-release-orchestration-common';
import { baseUrl } from '../__testUtils__/handlers';
import { createTestClient } from '../__testUtils__/testApi';
import {
  contractJson,
  contractNoContent,
} from '../__testUtils__/openapiContract';

const server = setupServer();
registerMswTestHooks(server);

const ID = 'c0ffee00-0000-4000-8000-000000000001';
const request = {
  name: 'weekend',
  environments: ['production'],
  every: ['fri' as const],
  from: '16:00',
  until: 'mon 08:00',
  timeZone: 'Europe/Berlin',
  reason: 'No weekend deploys',
};
const rule: RecurringFreezeRule = {
  id: ID,
  source: 'portal',
  ...request,
  systems: [],
  exceptions: [],
  schedule: 'every Friday 16:00 - Monday 08:00 Europe/Berlin',
  openings: [
    { start: '2026-12-11T15:00:00.000Z', end: '2026-12-14T07:00:00.000Z' },
  ],
  createdBy: 'user:default/carol',
  createdAt: '2026-12-06T12:00:00.000Z',
};

describe('ReleaseOrchestrationClient: recurring freeze windows', () => {
  it('lists, previews, declares, adds an exception and deletes, as the OpenAPI document says', async () => {
    const bodies: Array<[string, unknown]> = [];
    const record =
      (operation: string, answer: unknown, status = 200) =>
      async ({ request: req }: { request: Request }) => {
        bodies.push([operation, await req.json()]);
        return contractJson(operation, answer, status);
      };
    server.use(
      http.get(`${baseUrl}/recurring-freezes`, () =>
        contractJson('GET /recurring-freezes', { items: [rule] }),
      ),
      http.post(
        `${baseUrl}/recurring-freezes/preview`,
        record('POST /recurring-freezes/preview', {
          schedule: rule.schedule,
          openings: rule.openings,
        }),
      ),
      http.post(
        `${baseUrl}/recurring-freezes`,
        record('POST /recurring-freezes', rule, 201),
      ),
      http.post(
        `${baseUrl}/recurring-freezes/${ID}/exceptions`,
        record('POST /recurring-freezes/{id}/exceptions', {
          ...rule,
          exceptions: ['2026-12-25'],
        }),
      ),
      http.delete(`${baseUrl}/recurring-freezes/${ID}`, () =>
        contractNoContent('DELETE /recurring-freezes/{id}'),
      ),
    );
    const client = createTestClient();
    expect((await client.listRecurringFreezes()).items).toEqual([rule]);
    expect((await client.previewRecurringFreeze(request)).schedule).toBe(
      rule.schedule,
    );
    expect((await client.createRecurringFreeze(request)).id).toBe(ID);
    expect(
      (await client.addRecurringFreezeException(ID, '2026-12-25')).exceptions,
    ).toEqual(['2026-12-25']);
    await expect(client.deleteRecurringFreeze(ID)).resolves.toBeUndefined();
    expect(bodies).toEqual([
      ['POST /recurring-freezes/preview', request],
      ['POST /recurring-freezes', request],
      ['POST /recurring-freezes/{id}/exceptions', { date: '2026-12-25' }],
    ]);
  });
});
