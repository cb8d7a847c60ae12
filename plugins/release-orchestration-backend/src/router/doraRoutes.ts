import Router from 'express-promise-router';
import {
  doraQuerySchema,
  doraSystemsQuerySchema,
  releaseReadPermission,
} from '@release-orchestration/plugin-release-orchestration-common';
import { DoraService } from '../service/dora/DoraService';
import { RouteContext } from './RouteContext';
import { parseInput } from './validate';

/** `GET /dora` and `GET /dora/systems`. */
export function doraRoutes(ctx: RouteContext, dora: DoraService) {
  const router = Router();

  router.get('/dora', async (req, res) => {
    await ctx.authorize(req, releaseReadPermission);
    const query = parseInput(doraQuerySchema, req.query, 'query');
    res.json(await dora.report(query));
  });

  router.get('/dora/systems', async (req, res) => {
    await ctx.authorize(req, releaseReadPermission);
    const query = parseInput(doraSystemsQuerySchema, req.query, 'query');
    res.json(await dora.systems(query));
  });

  return router;
}
