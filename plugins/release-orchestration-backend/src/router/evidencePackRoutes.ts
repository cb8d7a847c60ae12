import { releaseReadPermission } from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import { EvidencePackService } from '../service/evidencePack/EvidencePackService';
import { ApiRouter } from './apiRouter';
import { RouteContext } from './RouteContext';
import { parseInput } from './validate';

/** `GET /releases/:id/evidence-pack`: one JSON download for auditors. */
export function evidencePackRoutes(
  router: ApiRouter,
  ctx: RouteContext,
  packs: EvidencePackService,
): void {
  router.get('/releases/:id/evidence-pack', async (req, res) => {
    await ctx.caller(req);
    const { id } = parseInput(
      z.object({ id: z.string().uuid('must be a release id') }),
      req.params,
      'path',
    );
    await ctx.authorizeSystem(
      req,
      releaseReadPermission,
      await ctx.systems.ofRelease(id),
    );
    const pack = await packs.build(id);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="evidence-pack-${id}.json"`,
    );
    res.json(pack);
  });
}
