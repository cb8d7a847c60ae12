import {
  releaseReadPermission,
  entityNameSegmentSchema,
} from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import { DriftService } from '../service/DriftService';
import { ApiRouter } from './apiRouter';
import { RouteContext } from './RouteContext';
import { parseInput } from './validate';

const segment = entityNameSegmentSchema;
const systemPath = z.object({ namespace: segment, name: segment });

/** `GET /systems/:namespace/:name/environments`: every lane's releases, drift and incoming changes. */
export function systemEnvironmentRoutes(
  router: ApiRouter,
  ctx: RouteContext,
  drift: DriftService,
): void {
  router.get('/systems/:namespace/:name/environments', async (req, res) => {
    await ctx.caller(req);
    const { namespace, name } = parseInput(systemPath, req.params, 'path');
    const systemRef = `system:${namespace}/${name}`.toLocaleLowerCase('en-US');
    await ctx.authorizeSystem(req, releaseReadPermission, systemRef);
    res.json(
      await drift.systemEnvironments(
        systemRef,
        (
          await ctx.caller(req)
        ).credentials,
      ),
    );
  });
}
