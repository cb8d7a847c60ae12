import {
  approvalRequestSchema,
  cancelPromotionRequestSchema,
  countPromotionsQuerySchema,
  environmentNameSchema,
  fanOutPromotionRequestSchema,
  freezeOverridePermission,
  listPromotionsQuerySchema,
  promotionApprovePermission,
  promotionCreatePermission,
  promotionTransitionRequestSchema,
  releaseReadPermission,
  requestPromotionRequestSchema,
} from '@release-orchestration/plugin-release-orchestration-common';
import { Request } from 'express';
import { z } from 'zod';
import { ApprovalService } from '../service/ApprovalService';
import { PromotionQueueService } from '../service/PromotionQueueService';
import { PromotionService } from '../service/PromotionService';
import { ApiRouter } from './apiRouter';
import { RouteContext } from './RouteContext';
import { parseInput } from './validate';

const releasePath = z.object({ id: z.string().uuid('must be a release id') });
const promotionPath = z.object({
  id: z.string().uuid('must be a promotion id'),
});

/** Services behind the promotion routes. */
export interface PromotionRouteServices {
  promotions: PromotionService;
  approvals: ApprovalService;
  queue: PromotionQueueService;
}

/** An emergency override needs its own permission; asking for one without it is a 403. */
export async function authorizeOverride(
  ctx: RouteContext,
  req: Request,
  emergencyOverride: unknown,
  systemRef: string,
) {
  if (emergencyOverride) {
    await ctx.authorizeSystem(req, freezeOverridePermission, systemRef);
  }
}

/**
 * `POST /releases/:id/promotions`, `POST /promotions` (fan-out into several lanes),
 * `GET /releases/:id/promotions/check`, `GET /promotions`, `GET /promotions/count`,
 * `GET /promotions/:id`, `POST /promotions/:id/approvals`, `/cancel` and `/transitions`.
 */
export function promotionRoutes(
  router: ApiRouter,
  ctx: RouteContext,
  services: PromotionRouteServices,
): void {
  const { promotions, approvals, queue } = services;

  router.post('/releases/:id/promotions', async (req, res) => {
    await ctx.caller(req);
    const { id } = parseInput(releasePath, req.params, 'path');
    const input = parseInput(requestPromotionRequestSchema, req.body, 'body');
    const systemRef = await ctx.systems.ofRelease(id);
    const { actor } = await ctx.authorizeSystem(
      req,
      promotionCreatePermission,
      systemRef,
    );
    await authorizeOverride(ctx, req, input.emergencyOverride, systemRef);
    res
      .status(201)
      .json(await promotions.request({ ...input, releaseId: id }, actor));
  });

  // Fan-out: one release into several lanes at once, one promotion per lane, all or none.
  router.post('/promotions', async (req, res) => {
    await ctx.caller(req);
    const input = parseInput(fanOutPromotionRequestSchema, req.body, 'body');
    const systemRef = await ctx.systems.ofRelease(input.releaseId);
    const { actor } = await ctx.authorizeSystem(
      req,
      promotionCreatePermission,
      systemRef,
    );
    await authorizeOverride(ctx, req, input.emergencyOverride, systemRef);
    res
      .status(201)
      .json({ items: await promotions.requestFanOut(input, actor) });
  });

  router.get('/releases/:id/promotions/check', async (req, res) => {
    await ctx.caller(req);
    const { id } = parseInput(releasePath, req.params, 'path');
    const { environment } = parseInput(
      z.object({ environment: environmentNameSchema }),
      req.query,
      'query',
    );
    const { actor } = await ctx.authorizeSystem(
      req,
      releaseReadPermission,
      await ctx.systems.ofRelease(id),
    );
    res.json(await promotions.check(id, environment, actor));
  });

  router.get('/promotions', async (req, res) => {
    const { actor } = await ctx.authorizeAnyRead(req);
    const query = parseInput(listPromotionsQuerySchema, req.query, 'query');
    const page = await queue.list({ ...query, systemRef: query.system }, actor);
    // Only promotions of Systems the caller may read; a page can come out shorter than the limit.
    const items = await ctx.readable(
      req,
      page.items,
      item => item.promotion.systemRef,
    );
    // Per pending item, whether the caller may vote and, if not, why (System-scoped permission).
    const pendingSystems = items
      .filter(i => i.promotion.state === 'pending_approval')
      .map(i => i.promotion.systemRef);
    const permitted = await ctx.allows(
      await ctx.caller(req),
      promotionApprovePermission,
      pendingSystems,
    );
    res.json({
      ...page,
      items: await queue.withVoting(items, actor, permitted),
    });
  });

  // Before /promotions/:id. Counts by System in the database, then keeps the readable Systems'.
  router.get('/promotions/count', async (req, res) => {
    const { actor } = await ctx.authorizeAnyRead(req);
    const query = parseInput(countPromotionsQuerySchema, req.query, 'query');
    const bySystem = await queue.countBySystem(
      { ...query, systemRef: query.system },
      actor,
    );
    const readable = await ctx.allows(
      await ctx.caller(req),
      releaseReadPermission,
      bySystem.keys(),
    );
    let count = 0;
    for (const [systemRef, n] of bySystem) {
      if (readable.has(systemRef)) {
        count += n;
      }
    }
    res.json({ count });
  });

  router.get('/promotions/:id', async (req, res) => {
    await ctx.caller(req);
    const { id } = parseInput(promotionPath, req.params, 'path');
    await ctx.authorizeSystem(
      req,
      releaseReadPermission,
      await ctx.systems.ofPromotion(id),
    );
    res.json(await promotions.get(id));
  });

  router.post('/promotions/:id/approvals', async (req, res) => {
    await ctx.caller(req);
    const { id } = parseInput(promotionPath, req.params, 'path');
    const input = parseInput(approvalRequestSchema, req.body, 'body');
    const { actor } = await ctx.authorizeSystem(
      req,
      promotionApprovePermission,
      await ctx.systems.ofPromotion(id),
    );
    res.status(201).json(await approvals.vote(id, input, actor));
  });

  router.post('/promotions/:id/cancel', async (req, res) => {
    // The requester may always withdraw their request; anyone else needs promotion.create on
    // the promotion's System.
    const caller = await ctx.caller(req);
    const { id } = parseInput(promotionPath, req.params, 'path');
    const { reason } = parseInput(
      cancelPromotionRequestSchema,
      req.body,
      'body',
    );
    const systemRef = await ctx.systems.ofPromotion(id);
    const allowed = (
      await ctx.allows(caller, promotionCreatePermission, [systemRef])
    ).has(systemRef);
    res.json(
      await promotions.cancel(id, {
        actor: caller.actor,
        mayCancelAny: allowed,
        reason,
      }),
    );
  });

  router.post('/promotions/:id/transitions', async (req, res) => {
    await ctx.caller(req);
    const { id } = parseInput(promotionPath, req.params, 'path');
    const { to, reason } = parseInput(
      promotionTransitionRequestSchema,
      req.body,
      'body',
    );
    const { actor } = await ctx.authorizeSystem(
      req,
      promotionCreatePermission,
      await ctx.systems.ofPromotion(id),
    );
    res.json(await promotions.transition(id, to, { actor, reason }));
  });
}
