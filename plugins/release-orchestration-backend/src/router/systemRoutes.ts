import {
  releaseReadPermission,
  entityNameSegmentSchema,
} from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import { ReleaseService } from '../service/ReleaseService';
import { ApiRouter } from './apiRouter';
import { RouteContext } from './RouteContext';
import { parseInput } from './validate';

const segment = entityNameSegmentSchema;
const systemPath = z.object({ namespace: segment, name: segment });

/** Routes about one System: `GET /systems/:namespace/:name/components`. */
export function systemRoutes(
  router: ApiRouter,
  ctx: RouteContext,
  releases: ReleaseService,
): void {
  router.get('/systems/:namespace/:name/components', async (req, res) => {
    await ctx.caller(req);
    const { namespace, name } = parseInput(systemPath, req.params, 'path');
    const systemRef = `system:${namespace}/${name}`.toLocaleLowerCase('en-US');
    await ctx.authorizeSystem(req, releaseReadPermission, systemRef);
    res.json({
      items: await releases.releasableComponents(
        systemRef,
        (
          await ctx.caller(req)
        ).credentials,
      ),
    });
  });
}
