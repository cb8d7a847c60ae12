import {
  entityNameSegmentSchema,
  releaseReadPermission,
} from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import { SourceCoverageService } from '../service/sources/SourceCoverageService';
import { ApiRouter } from './apiRouter';
import { RouteContext } from './RouteContext';
import { parseInput } from './validate';

const systemPath = z.object({
  namespace: entityNameSegmentSchema,
  name: entityNameSegmentSchema,
});

/** `GET /systems/:namespace/:name/sources`: where a System's data comes from. */
export function sourceRoutes(
  router: ApiRouter,
  ctx: RouteContext,
  sources: SourceCoverageService,
): void {
  router.get('/systems/:namespace/:name/sources', async (req, res) => {
    await ctx.caller(req);
    const { namespace, name } = parseInput(systemPath, req.params, 'path');
    const systemRef = `system:${namespace}/${name}`.toLocaleLowerCase('en-US');
    await ctx.authorizeSystem(req, releaseReadPermission, systemRef);
    res.json(await sources.forSystem(systemRef));
  });
}
