import Router from 'express-promise-router';
import { EnvironmentPolicy } from '@release-orchestration/plugin-release-orchestration-common';
import { RouteContext } from './RouteContext';

/** `GET /environments`: the configured lanes and their policies, in promotion order. */
export function environmentRoutes(ctx: RouteContext, environments: EnvironmentPolicy[]) {
  const router = Router();
  router.get('/environments', async (req, res) => {
    await ctx.authorizeAnyRead(req);
    res.json({ items: environments });
  });
  return router;
}
