import {
  attachEvidenceRequestSchema,
  evidenceCreatePermission,
} from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import { EvidenceService } from '../service/EvidenceService';
import { ApiRouter } from './apiRouter';
import { RouteContext } from './RouteContext';
import { parseInput } from './validate';

/** `POST /releases/:id/evidence`. */
export function evidenceRoutes(
  router: ApiRouter,
  ctx: RouteContext,
  evidence: EvidenceService,
): void {
  router.post('/releases/:id/evidence', async (req, res) => {
    await ctx.caller(req);
    const { id } = parseInput(
      z.object({ id: z.string().uuid('must be a release id') }),
      req.params,
      'path',
    );
    const input = parseInput(attachEvidenceRequestSchema, req.body, 'body');
    const { actor } = await ctx.authorizeSystem(
      req,
      evidenceCreatePermission,
      await ctx.systems.ofRelease(id),
    );
    res.status(201).json(await evidence.attach(id, input, actor));
  });
}
