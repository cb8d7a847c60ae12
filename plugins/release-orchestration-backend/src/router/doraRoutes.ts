import {
  doraFactsQuerySchema,
  doraQuerySchema,
  doraSystemsQuerySchema,
  doraTeamsQuerySchema,
  releaseReadPermission,
} from '@release-orchestration/plugin-release-orchestration-common';
import { Request } from './RouteContext';
import { DoraService } from '../service/dora/DoraService';
import { ApiRouter } from './apiRouter';
import { RouteContext } from './RouteContext';
import { parseInput } from './validate';

/**
 * A System's metrics need read on that System; a Group's or the organisation's aggregates need
 * read on some System (the per-System breakdown then lists only readable Systems).
 */
async function authorizeDoraEntity(
  ctx: RouteContext,
  req: Request,
  entity: string,
) {
  if (entity.startsWith('system:')) {
    await ctx.authorizeSystem(req, releaseReadPermission, entity);
  } else {
    await ctx.authorizeAnyRead(req);
  }
}

/** `GET /dora`, `GET /dora/teams`, `GET /dora/systems` and `GET /dora/facts`. */
export function doraRoutes(
  router: ApiRouter,
  ctx: RouteContext,
  dora: DoraService,
): void {
  router.get('/dora', async (req, res) => {
    await ctx.caller(req);
    const query = parseInput(doraQuerySchema, req.query, 'query');
    await authorizeDoraEntity(ctx, req, query.entity);
    res.json(await dora.report(query, (await ctx.caller(req)).credentials));
  });

  router.get('/dora/systems', async (req, res) => {
    await ctx.caller(req);
    const query = parseInput(doraSystemsQuerySchema, req.query, 'query');
    await authorizeDoraEntity(ctx, req, query.entity);
    // Readable Systems are kept before sorting and paging, so every page is full.
    res.json(
      await dora.systems(query, (await ctx.caller(req)).credentials, systems =>
        ctx.readable(req, systems, ref => ref),
      ),
    );
  });

  // Like a Group's `GET /dora`: some System must be readable; the catalog's read rules decide
  // which Systems each team covers.
  router.get('/dora/teams', async (req, res) => {
    await ctx.caller(req);
    const query = parseInput(doraTeamsQuerySchema, req.query, 'query');
    await ctx.authorizeAnyRead(req);
    res.json(await dora.teams(query, (await ctx.caller(req)).credentials));
  });

  router.get('/dora/facts', async (req, res) => {
    await ctx.caller(req);
    const query = parseInput(doraFactsQuerySchema, req.query, 'query');
    await authorizeDoraEntity(ctx, req, query.entity);
    const page = await dora.facts(query, (await ctx.caller(req)).credentials);
    res.json({
      ...page,
      items: await ctx.readable(req, page.items, row => row.systemRef),
    });
  });
}
