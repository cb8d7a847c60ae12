import {
  buildReportPermission,
  entityRefSchema,
  pageQuerySchema,
  releaseReadPermission,
  reportBuildRequestSchema,
} from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import { BuildService } from '../service/BuildService';
import { ApiRouter } from './apiRouter';
import { RouteContext } from './RouteContext';
import { parseInput } from './validate';

const listBuildsQuery = pageQuerySchema.extend({
  component: entityRefSchema('component'),
});

/** Built once: the route's path parameters. */
const buildIdPath = z.object({ id: z.string().uuid('must be a build id') });

/** `POST /builds`, `GET /builds`, `GET /builds/:id`. */
export function buildRoutes(
  router: ApiRouter,
  ctx: RouteContext,
  builds: BuildService,
): void {
  router.post('/builds', async (req, res) => {
    await ctx.caller(req);
    const input = parseInput(reportBuildRequestSchema, req.body, 'body');
    const { actor } = await ctx.authorizeSystem(
      req,
      buildReportPermission,
      await ctx.systems.ofComponent(input.component),
    );
    const { build, created } = await builds.report(input, actor);
    res.status(created ? 201 : 200).json(build);
  });

  router.get('/builds', async (req, res) => {
    await ctx.caller(req);
    const query = parseInput(listBuildsQuery, req.query, 'query');
    await ctx.authorizeSystem(
      req,
      releaseReadPermission,
      await ctx.systems.ofComponent(query.component),
    );
    res.json(
      await builds.list({
        componentRef: query.component,
        limit: query.limit,
        cursor: query.cursor,
      }),
    );
  });

  router.get('/builds/:id', async (req, res) => {
    await ctx.caller(req);
    const { id } = parseInput(buildIdPath, req.params, 'path');
    await ctx.authorizeSystem(
      req,
      releaseReadPermission,
      await ctx.systems.ofBuild(id),
    );
    res.json(await builds.get(id));
  });
}
