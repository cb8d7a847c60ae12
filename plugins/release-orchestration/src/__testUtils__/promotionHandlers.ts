import {
  ApprovalRequest,
  CreateFreezeRequest,
  EnvironmentPolicy,
  FreezeWindow,
  Promotion,
  PromotionCheck,
  PromotionQueueItem,
  ReleaseDetails,
  RequestPromotionRequest,
} from '@release-orchestration/plugin-release-orchestration-common';
import { http } from 'msw';
import { baseUrl, errorResponse } from './handlers';
import { contractJson, contractNoContent } from './openapiContract';
import {
  productionCheck,
  promotionLanes,
  queueItems,
  release2Details,
} from './promotionFixtures';
import { testId } from './testId';

/**
 * A fake backend for promotions, votes, the approval queue and freezes over
 * the fixtures in promotionFixtures.ts. `state` holds what the UI sent and
 * what it changed, so tests assert on requests as the backend saw them.
 */
export function createFakePromotionBackend(
  options: {
    release?: ReleaseDetails;
    check?: PromotionCheck;
    queue?: PromotionQueueItem[];
    freezes?: FreezeWindow[];
    /** A named policy the System selects: lane name to the fields it sets. */
    systemPolicy?: {
      name: string;
      lanes: Record<string, Partial<EnvironmentPolicy>>;
    };
    /** Promotion ids whose votes the backend refuses, with the message. */
    refuseVotes?: Record<string, string>;
  } = {},
) {
  const state = {
    release: options.release ?? release2Details,
    queue: [...(options.queue ?? queueItems)],
    freezes: [...(options.freezes ?? [])],
    checks: [] as string[],
    environmentQueries: [] as string[],
    requested: [] as RequestPromotionRequest[],
    votes: [] as Array<{ promotionId: string } & ApprovalRequest>,
    cancelled: [] as Array<{ promotionId: string; reason?: string }>,
    queueQueries: [] as URLSearchParams[],
    createdFreezes: [] as CreateFreezeRequest[],
    deletedFreezes: [] as string[],
  };
  const check = options.check ?? productionCheck;

  const handlers = [
    http.get(`${baseUrl}/environments`, ({ request }) => {
      const system = new URL(request.url).searchParams.get('system');
      state.environmentQueries.push(system ?? '');
      const named = system ? options.systemPolicy : undefined;
      const items = promotionLanes.map(lane =>
        named?.lanes[lane.name]
          ? { ...lane, ...named.lanes[lane.name], policyName: named.name }
          : lane,
      );
      return contractJson('GET /environments', { items });
    }),
    http.get(`${baseUrl}/releases/${state.release.id}`, () =>
      contractJson('GET /releases/{id}', state.release),
    ),
    http.get(`${baseUrl}/releases/:id/promotions/check`, ({ request }) => {
      const environment = new URL(request.url).searchParams.get('environment');
      state.checks.push(environment ?? '');
      return contractJson('GET /releases/{id}/promotions/check', {
        ...check,
        environment,
      });
    }),
    http.post(`${baseUrl}/releases/:id/promotions`, async ({ request }) => {
      const body = (await request.json()) as RequestPromotionRequest;
      state.requested.push(body);
      const promotion: Promotion = {
        id: testId(`promo-new-${state.requested.length}`),
        releaseId: state.release.id,
        releaseVersion: state.release.version,
        systemRef: state.release.systemRef,
        environment: body.environment,
        state:
          check.outcome === 'blocked' && !body.emergencyOverride
            ? 'blocked'
            : 'pending_approval',
        requestedBy: 'user:default/guest',
        justification: body.justification,
        rollback: false,
        emergencyOverride: body.emergencyOverride
          ? {
              ...body.emergencyOverride,
              by: 'user:default/guest',
              freezeIds: check.freezes.map(f => f.id),
            }
          : undefined,
        policy: check.policy,
        approvalCount: 0,
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
        approvals: [],
        transitions: [
          {
            to: 'pending_approval',
            actor: 'user:default/guest',
            createdAt: new Date().toISOString(),
          },
        ],
      };
      state.release = {
        ...state.release,
        promotions: [promotion, ...state.release.promotions],
      };
      return contractJson('POST /releases/{id}/promotions', promotion, 201);
    }),
    http.get(`${baseUrl}/promotions`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      if (params.get('state') === 'blocked') {
        // The queue page's "Waiting for a soak time or a freeze" section.
        return contractJson('GET /promotions', {
          items: state.queue.filter(i => i.promotion.state === 'blocked'),
        });
      }
      state.queueQueries.push(params);
      const environment = params.get('environment');
      const system = params.get('system');
      const items = state.queue.filter(
        item =>
          (!environment || item.promotion.environment === environment) &&
          (!system || item.promotion.systemRef === system),
      );
      return contractJson('GET /promotions', { items });
    }),
    // The badge's count of the same queue (the sidebar and the queue page's header).
    http.get(`${baseUrl}/promotions/count`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      const environment = params.get('environment');
      const system = params.get('system');
      const count = state.queue.filter(
        item =>
          item.promotion.state !== 'blocked' &&
          (!environment || item.promotion.environment === environment) &&
          (!system || item.promotion.systemRef === system),
      ).length;
      return contractJson('GET /promotions/count', { count });
    }),
    http.post(
      `${baseUrl}/promotions/:id/approvals`,
      async ({ params, request }) => {
        const promotionId = String(params.id);
        const body = (await request.json()) as ApprovalRequest;
        if (body.decision === 'reject' && !body.comment) {
          return errorResponse(
            400,
            'InputError',
            'Invalid body: comment is required when rejecting: say what must change',
          );
        }
        const refusal = options.refuseVotes?.[promotionId];
        if (refusal) {
          return errorResponse(409, 'ConflictError', refusal);
        }
        state.votes.push({ promotionId, ...body });
        state.queue = state.queue.filter(
          item => item.promotion.id !== promotionId,
        );
        const current =
          state.release.promotions.find(p => p.id === promotionId) ??
          queueItems.find(i => i.promotion.id === promotionId)?.promotion;
        if (!current) {
          return errorResponse(
            404,
            'NotFoundError',
            `No promotion with id ${promotionId}`,
          );
        }
        const at = new Date().toISOString();
        const to = body.decision === 'approve' ? 'approved' : 'rejected';
        const updated: Promotion = {
          ...current,
          state: to,
          approvalCount:
            current.approvalCount + (body.decision === 'approve' ? 1 : 0),
          approvals: [
            ...current.approvals,
            {
              id: testId(`appr-${state.votes.length}`),
              promotionId,
              approver: 'user:default/carol',
              decision: body.decision,
              comment: body.comment,
              createdAt: at,
            },
          ],
          transitions: [
            ...current.transitions,
            {
              from: current.state,
              to,
              actor: 'user:default/carol',
              createdAt: at,
            },
          ],
        };
        state.release = {
          ...state.release,
          promotions: state.release.promotions.map(p =>
            p.id === promotionId ? updated : p,
          ),
        };
        return contractJson('POST /promotions/{id}/approvals', updated, 201);
      },
    ),
    http.post(
      `${baseUrl}/promotions/:id/cancel`,
      async ({ params, request }) => {
        const promotionId = String(params.id);
        const body = (await request.json()) as { reason?: string };
        const current = state.release.promotions.find(
          p => p.id === promotionId,
        );
        if (!current) {
          return errorResponse(
            404,
            'NotFoundError',
            `No promotion with id ${promotionId}`,
          );
        }
        state.cancelled.push({ promotionId, reason: body.reason });
        const updated: Promotion = {
          ...current,
          state: 'cancelled',
          transitions: [
            ...current.transitions,
            {
              from: current.state,
              to: 'cancelled',
              actor: current.requestedBy,
              createdAt: new Date().toISOString(),
              reason: body.reason,
            },
          ],
        };
        state.release = {
          ...state.release,
          promotions: state.release.promotions.map(p =>
            p.id === promotionId ? updated : p,
          ),
        };
        return contractJson('POST /promotions/{id}/cancel', updated);
      },
    ),
    http.get(`${baseUrl}/freezes`, () =>
      contractJson('GET /freezes', { items: state.freezes }),
    ),
    http.post(`${baseUrl}/freezes`, async ({ request }) => {
      const body = (await request.json()) as CreateFreezeRequest;
      state.createdFreezes.push(body);
      const freeze: FreezeWindow = {
        id: testId(`freeze-new-${state.createdFreezes.length}`),
        environment: body.environment,
        systems: body.systems ?? [],
        start: body.start,
        end: body.end,
        reason: body.reason,
        createdBy: 'user:default/carol',
        createdAt: new Date().toISOString(),
      };
      state.freezes.push(freeze);
      return contractJson('POST /freezes', freeze, 201);
    }),
    http.delete(`${baseUrl}/freezes/:id`, ({ params }) => {
      state.deletedFreezes.push(String(params.id));
      state.freezes = state.freezes.filter(f => f.id !== params.id);
      return contractNoContent('DELETE /freezes/{id}');
    }),
  ];
  return { state, handlers };
}
