import Router from 'express-promise-router';
import {
  promotionCreatePermission,
  rollbackRequestSchema,
  entityNameSegmentSchema,
} from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import { PromotionService } from '../service/PromotionService';
import { authorizeOverride } from './promotionRoutes';
import { promotionRefusedErrorHandler } from './promotionRefusedErrorHandler';
import { RouteContext } from './RouteContext';
import { parseInput } from './validate';

const segment = entityNameSegmentSchema;

/** `POST /systems/:namespace/:name/rollback`: promote the known-good (or a named earlier) release. */
export function rollbackRoutes(ctx: RouteContext, promotions: PromotionService) {
  const router = Router();

  router.post('/systems/:namespace/:name/rollback', async (req, res) => {
    await ctx.caller(req);
    const { namespace, name } = parseInput(z.object({ namespace: segment, name: segment }), req.params, 'path');
    const input = parseInput(rollbackRequestSchema, req.body, 'body');
    const systemRef = `system:${namespace}/${name}`.toLocaleLowerCase('en-US');
    const { actor } = await ctx.authorizeSystem(req, promotionCreatePermission, systemRef);
    await authorizeOverride(ctx, req, input.emergencyOverride, systemRef);
    res.status(201).json(await promotions.rollback(systemRef, input, actor));
  });

  router.use(promotionRefusedErrorHandler());
  return router;
}
