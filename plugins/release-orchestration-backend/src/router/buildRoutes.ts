import Router from 'express-promise-router';
import {
  buildReportPermission,
  entityRefSchema,
  pageQuerySchema,
  releaseReadPermission,
  reportBuildRequestSchema,
} from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import { BuildService } from '../service/BuildService';
import { RouteContext } from './RouteContext';
import { parseInput } from './validate';

const listBuildsQuery = pageQuerySchema.extend({ component: entityRefSchema('component') });

/** `POST /builds`, `GET /builds`, `GET /builds/:id`. */
export function buildRoutes(ctx: RouteContext, builds: BuildService) {
  const router = Router();

  router.post('/builds', async (req, res) => {
    const { actor } = await ctx.authorize(req, buildReportPermission);
    const input = parseInput(reportBuildRequestSchema, req.body, 'body');
    const { build, created } = await builds.report(input, actor);
    res.status(created ? 201 : 200).json(build);
  });

  router.get('/builds', async (req, res) => {
    await ctx.authorize(req, releaseReadPermission);
    const query = parseInput(listBuildsQuery, req.query, 'query');
    res.json(await builds.list({ componentRef: query.component, limit: query.limit, cursor: query.cursor }));
  });

  router.get('/builds/:id', async (req, res) => {
    await ctx.authorize(req, releaseReadPermission);
    const { id } = parseInput(z.object({ id: z.string().uuid('must be a build id') }), req.params, 'path');
    res.json(await builds.get(id));
  });

  return router;
}
