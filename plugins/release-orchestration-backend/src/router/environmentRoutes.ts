import {
  EnvironmentPolicy,
  entityRefSchema,
  releaseReadPermission,
} from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import type { PromotionService } from '../service/PromotionService';
import { ApiRouter } from './apiRouter';
import { RouteContext } from './RouteContext';
import { parseInput } from './validate';

const environmentsQuery = z
  .object({ system: entityRefSchema('system').optional() })
  .strict();

/**
 * `GET /environments`: the configured lanes and their policies, in promotion order; with
 * `?system=` each lane carries the policy in force for that System (its named policy).
 */
export function environmentRoutes(
  router: ApiRouter,
  ctx: RouteContext,
  environments: EnvironmentPolicy[],
  promotions: Pick<PromotionService, 'effectiveEnvironments'>,
): void {
  router.get('/environments', async (req, res) => {
    const { system } = parseInput(environmentsQuery, req.query, 'query');
    if (!system) {
      await ctx.authorizeAnyRead(req);
      res.json({ items: environments });
      return;
    }
    await ctx.authorizeSystem(req, releaseReadPermission, system);
    res.json({ items: await promotions.effectiveEnvironments(system) });
  });
}
