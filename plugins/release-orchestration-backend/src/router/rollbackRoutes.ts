import {
  promotionCreatePermission,
  rollbackRequestSchema,
  entityNameSegmentSchema,
  environmentNameSchema,
  releaseReadPermission,
  RollbackCheck,
} from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import { PromotionService } from '../service/PromotionService';
import { ReleaseService } from '../service/ReleaseService';
import { authorizeOverride } from './promotionRoutes';
import { ApiRouter } from './apiRouter';
import { RouteContext } from './RouteContext';
import { parseInput } from './validate';

const segment = entityNameSegmentSchema;

/**
 * `POST /systems/:namespace/:name/rollback`: promote the known-good (or a named earlier) release;
 * `GET /systems/:namespace/:name/rollback/check`: what that would do now.
 */
export function rollbackRoutes(
  router: ApiRouter,
  ctx: RouteContext,
  promotions: PromotionService,
  releases: ReleaseService,
): void {
  router.post('/systems/:namespace/:name/rollback', async (req, res) => {
    await ctx.caller(req);
    const { namespace, name } = parseInput(
      z.object({ namespace: segment, name: segment }),
      req.params,
      'path',
    );
    const input = parseInput(rollbackRequestSchema, req.body, 'body');
    const systemRef = `system:${namespace}/${name}`.toLocaleLowerCase('en-US');
    const { actor } = await ctx.authorizeSystem(
      req,
      promotionCreatePermission,
      systemRef,
    );
    await authorizeOverride(ctx, req, input.emergencyOverride, systemRef);
    res.status(201).json(await promotions.rollback(systemRef, input, actor));
  });

  // Dry run for the portal's "Roll back to known-good": the target, the gate check of promoting
  // it as a rollback, and what it changes compared with what runs now. Changes nothing.
  router.get('/systems/:namespace/:name/rollback/check', async (req, res) => {
    await ctx.caller(req);
    const { namespace, name } = parseInput(
      z.object({ namespace: segment, name: segment }),
      req.params,
      'path',
    );
    const query = parseInput(
      z.object({
        environment: environmentNameSchema,
        toRelease: z.string().uuid('must be a release id').optional(),
      }),
      req.query,
      'query',
    );
    const systemRef = `system:${namespace}/${name}`.toLocaleLowerCase('en-US');
    const { actor } = await ctx.authorizeSystem(
      req,
      releaseReadPermission,
      systemRef,
    );
    const found = await promotions.checkRollback(
      systemRef,
      query.environment,
      actor,
      query.toRelease,
    );
    const current = found.currentReleaseId
      ? await releases.get(found.currentReleaseId)
      : undefined;
    const body: RollbackCheck = {
      environment: query.environment,
      ...(current
        ? { current: { id: current.id, version: current.version } }
        : {}),
      ...(found.refusal ? { refusal: found.refusal } : {}),
    };
    if (found.target && found.check) {
      body.target = { id: found.target.id, version: found.target.version };
      body.check = found.check;
      body.changes = (
        await releases.diff(
          found.target.id,
          current
            ? { release: current.id }
            : { environment: query.environment },
        )
      ).changes;
    }
    res.json(body);
  });
}
