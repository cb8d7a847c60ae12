import {
  quarantineRequestSchema,
  releaseQuarantinePermission,
} from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import { QuarantineService } from '../service/QuarantineService';
import { ApiRouter } from './apiRouter';
import { RouteContext } from './RouteContext';
import { parseInput } from './validate';

const releasePath = z.object({ id: z.string().uuid('must be a release id') });

/** `POST /releases/:id/quarantine` and `POST /releases/:id/quarantine/lift`. */
export function quarantineRoutes(
  router: ApiRouter,
  ctx: RouteContext,
  quarantines: QuarantineService,
): void {
  router.post('/releases/:id/quarantine', async (req, res) => {
    await ctx.caller(req);
    const { id } = parseInput(releasePath, req.params, 'path');
    const { reason } = parseInput(quarantineRequestSchema, req.body, 'body');
    const { actor } = await ctx.authorizeSystem(
      req,
      releaseQuarantinePermission,
      await ctx.systems.ofRelease(id),
    );
    res.json(await quarantines.quarantine(id, reason, actor));
  });

  router.post('/releases/:id/quarantine/lift', async (req, res) => {
    await ctx.caller(req);
    const { id } = parseInput(releasePath, req.params, 'path');
    const { reason } = parseInput(quarantineRequestSchema, req.body, 'body');
    const { actor } = await ctx.authorizeSystem(
      req,
      releaseQuarantinePermission,
      await ctx.systems.ofRelease(id),
    );
    res.json(await quarantines.lift(id, reason, actor));
  });
}
