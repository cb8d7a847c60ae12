import { registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { baseUrl } from '../__testUtils__/handlers';
import { createTestClient } from '../__testUtils__/testApi';
import { unmetConditionsOf } from '../lib/promotionRefusal';
import { testId } from '../__testUtils__/testId';
import {
  contractJson,
  contractNoContent,
} from '../__testUtils__/openapiContract';
import {
  devPromotion,
  productionCheck,
} from '../__testUtils__/promotionFixtures';

const server = setupServer();
registerMswTestHooks(server);

describe('ReleaseOrchestrationClient: promotions and freezes', () => {
  it('sends queue filters as query parameters and votes as JSON', async () => {
    const seen: string[] = [];
    const votes: unknown[] = [];
    server.use(
      http.get(`${baseUrl}/promotions`, ({ request }) => {
        seen.push(new URL(request.url).search);
        return contractJson('GET /promotions', { items: [] });
      }),
      http.post(
        `${baseUrl}/promotions/p%2F1/approvals`,
        async ({ request }) => {
          votes.push(await request.json());
          return contractJson(
            'POST /promotions/{id}/approvals',
            devPromotion,
            201,
          );
        },
      ),
    );
    const client = createTestClient();
    await client.listPromotions({
      state: 'pending_approval',
      approver: 'me',
      system: 'system:default/payments',
      limit: 50,
    });
    await client.listPromotions();
    expect(seen).toEqual([
      '?state=pending_approval&approver=me&system=system%3Adefault%2Fpayments&limit=50',
      '',
    ]);
    expect(
      await client.votePromotion('p/1', { decision: 'reject', comment: 'no' }),
    ).toEqual(devPromotion);
    expect(votes).toEqual([{ decision: 'reject', comment: 'no' }]);
  });

  it('asks for the size of the queue without its promotions', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${baseUrl}/promotions/count`, ({ request }) => {
        seen.push(new URL(request.url).search);
        return contractJson('GET /promotions/count', { count: 7 });
      }),
    );
    const client = createTestClient();
    expect(
      await client.countPromotions({
        state: 'pending_approval',
        approver: 'me',
      }),
    ).toEqual({ count: 7 });
    expect(seen).toEqual(['?state=pending_approval&approver=me']);
  });

  it('throws a refusal with its unmet conditions', async () => {
    server.use(
      http.post(`${baseUrl}/releases/${testId('rel-2')}/promotions`, () =>
        contractJson(
          'POST /releases/{id}/promotions',
          {
            error: {
              name: 'PromotionRefusedError',
              message: 'cannot go ahead',
            },
            request: { method: 'POST', url: '/releases/x/promotions' },
            response: { statusCode: 422 },
            unmetConditions: [
              { code: 'evidence-missing', message: 'No unit-tests evidence' },
            ],
          },
          422,
        ),
      ),
    );
    const error = await createTestClient()
      .requestPromotion(testId('rel-2'), { environment: 'production' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(422);
    expect(unmetConditionsOf(error)).toEqual([
      { code: 'evidence-missing', message: 'No unit-tests evidence' },
    ]);
    expect(unmetConditionsOf(new Error('x'))).toEqual([]);
  });

  it('lists freezes with includePast, and deletes one (204, no body)', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${baseUrl}/freezes`, ({ request }) => {
        seen.push(new URL(request.url).search);
        return contractJson('GET /freezes', { items: [] });
      }),
      http.delete(`${baseUrl}/freezes/${testId('freeze-1')}`, () =>
        contractNoContent('DELETE /freezes/{id}'),
      ),
      http.get(
        `${baseUrl}/releases/${testId('rel-2')}/promotions/check`,
        ({ request }) =>
          contractJson('GET /releases/{id}/promotions/check', {
            ...productionCheck,
            environment: new URL(request.url).searchParams.get('environment'),
          }),
      ),
    );
    const client = createTestClient();
    await client.listFreezes({ includePast: true });
    await client.listFreezes();
    expect(seen).toEqual(['?includePast=true', '']);
    await expect(
      client.deleteFreeze(testId('freeze-1')),
    ).resolves.toBeUndefined();
    expect(await client.checkPromotion(testId('rel-2'), 'production')).toEqual({
      ...productionCheck,
      environment: 'production',
    });
  });
});
