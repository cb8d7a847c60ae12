import Router from 'express-promise-router';
import {
  createReleaseRequestSchema,
  entityRefSchema,
  environmentNameSchema,
  pageQuerySchema,
  releaseCreatePermission,
  releaseReadPermission,
} from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import { ReleaseService } from '../service/ReleaseService';
import { RouteContext } from './RouteContext';
import { parseInput } from './validate';

const releaseId = z.string().uuid('must be a release id');
const diffQuery = z.object({
  against: releaseId.optional(),
  environment: environmentNameSchema.optional(),
});
const notesQuery = z.object({
  against: z.union([releaseId, environmentNameSchema]).optional(),
});
const listReleasesQuery = pageQuerySchema.extend({ system: entityRefSchema('system') });

/** `POST /releases`, `GET /releases`, `GET /releases/:id`, `GET /releases/:id/diff`, `GET /releases/:id/notes`. */
export function releaseRoutes(ctx: RouteContext, releases: ReleaseService) {
  const router = Router();

  router.post('/releases', async (req, res) => {
    await ctx.caller(req);
    const input = parseInput(createReleaseRequestSchema, req.body, 'body');
    const { actor } = await ctx.authorizeSystem(req, releaseCreatePermission, input.system);
    res.status(201).json(await releases.create(input, actor));
  });

  router.get('/releases', async (req, res) => {
    await ctx.caller(req);
    const query = parseInput(listReleasesQuery, req.query, 'query');
    await ctx.authorizeSystem(req, releaseReadPermission, query.system);
    res.json(await releases.list({ systemRef: query.system, limit: query.limit, cursor: query.cursor }));
  });

  router.get('/releases/:id', async (req, res) => {
    await ctx.caller(req);
    const { id } = parseInput(z.object({ id: releaseId }), req.params, 'path');
    await ctx.authorizeSystem(req, releaseReadPermission, await ctx.systems.ofRelease(id));
    res.json(await releases.getDetails(id));
  });

  router.get('/releases/:id/diff', async (req, res) => {
    await ctx.caller(req);
    const { id } = parseInput(z.object({ id: releaseId }), req.params, 'path');
    const query = parseInput(diffQuery, req.query, 'query');
    const systems = [await ctx.systems.ofRelease(id), ...(query.against ? [await ctx.systems.ofRelease(query.against)] : [])];
    await ctx.authorizeSystems(req, releaseReadPermission, systems);
    res.json(await releases.diff(id, { release: query.against, environment: query.environment }));
  });

  router.get('/releases/:id/notes', async (req, res) => {
    await ctx.caller(req);
    const { id } = parseInput(z.object({ id: releaseId }), req.params, 'path');
    const { against } = parseInput(notesQuery, req.query, 'query');
    const isRelease = against !== undefined && releaseId.safeParse(against).success;
    const systems = [await ctx.systems.ofRelease(id), ...(isRelease ? [await ctx.systems.ofRelease(against)] : [])];
    await ctx.authorizeSystems(req, releaseReadPermission, systems);
    const notes = await releases.notes(id, isRelease ? { release: against } : { environment: against });
    if (req.accepts(['application/json', 'text/markdown']) === 'text/markdown') {
      res.type('text/markdown; charset=utf-8').send(notes.markdown);
    } else {
      res.json(notes);
    }
  });

  return router;
}
