import {
  createReleaseRequestSchema,
  entityRefSchema,
  environmentNameSchema,
  pageQuerySchema,
  releaseCreatePermission,
  releaseReadPermission,
  versionNameSchema,
} from '@release-orchestration/plugin-release-orchestration-common';
import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { ReleaseService } from '../service/ReleaseService';
import { ApiRouter } from './apiRouter';
import { RouteContext } from './RouteContext';
import { parseInput } from './validate';

const releaseId = z.string().uuid('must be a release id');
const diffQuery = z.object({
  against: z
    .union([releaseId, environmentNameSchema], {
      errorMap: () => ({ message: 'must be a release id or a lane name' }),
    })
    .optional(),
  environment: environmentNameSchema.optional(),
});
const notesQuery = z.object({
  against: z.union([releaseId, environmentNameSchema]).optional(),
});
const getReleaseQuery = z.object({
  system: entityRefSchema('system').optional(),
});
const listReleasesQuery = pageQuerySchema.extend({
  system: entityRefSchema('system'),
});

/** `POST /releases`, `GET /releases`, `GET /releases/:idOrVersion`, `GET /releases/:id/diff`, `GET /releases/:id/notes`. */
export function releaseRoutes(
  router: ApiRouter,
  ctx: RouteContext,
  releases: ReleaseService,
): void {
  router.post('/releases', async (req, res) => {
    await ctx.caller(req);
    const input = parseInput(createReleaseRequestSchema, req.body, 'body');
    const { actor } = await ctx.authorizeSystem(
      req,
      releaseCreatePermission,
      input.system,
    );
    res.status(201).json(await releases.create(input, actor));
  });

  router.get('/releases', async (req, res) => {
    await ctx.caller(req);
    const query = parseInput(listReleasesQuery, req.query, 'query');
    await ctx.authorizeSystem(req, releaseReadPermission, query.system);
    res.json(
      await releases.list({
        systemRef: query.system,
        limit: query.limit,
        cursor: query.cursor,
      }),
    );
  });

  // A release by id, or by version name with the System it belongs to (`?system=`): release
  // pages read as the version (`…/releases/2026.12.06-1`), versions being unique per System.
  router.get('/releases/:id', async (req, res) => {
    await ctx.caller(req);
    const { id: idOrVersion } = parseInput(
      z.object({
        id: z.union([releaseId, versionNameSchema], {
          errorMap: () => ({
            message: 'must be a release id or a version name',
          }),
        }),
      }),
      req.params,
      'path',
    );
    const { system } = parseInput(getReleaseQuery, req.query, 'query');
    if (system) {
      await ctx.authorizeSystem(req, releaseReadPermission, system);
    }
    const id = await releases.resolveId(idOrVersion, system);
    const systemRef = await ctx.systems.ofRelease(id);
    if (system && systemRef !== system) {
      throw new InputError(
        `system: release ${id} belongs to ${systemRef}, not ${system}`,
      );
    }
    if (!system) {
      await ctx.authorizeSystem(req, releaseReadPermission, systemRef);
    }
    res.json(await releases.getDetails(id));
  });

  router.get('/releases/:id/diff', async (req, res) => {
    await ctx.caller(req);
    const { id } = parseInput(z.object({ id: releaseId }), req.params, 'path');
    const query = parseInput(diffQuery, req.query, 'query');
    const againstRelease =
      query.against !== undefined && releaseId.safeParse(query.against).success
        ? query.against
        : undefined;
    const againstLane = againstRelease ? undefined : query.against;
    if (againstLane && query.environment) {
      throw new InputError('against, environment: give one lane, not both');
    }
    const systems = [
      await ctx.systems.ofRelease(id),
      ...(againstRelease ? [await ctx.systems.ofRelease(againstRelease)] : []),
    ];
    await ctx.authorizeSystems(req, releaseReadPermission, systems);
    res.json(
      await releases.diff(id, {
        release: againstRelease,
        environment: againstLane ?? query.environment,
      }),
    );
  });

  router.get('/releases/:id/notes', async (req, res) => {
    await ctx.caller(req);
    const { id } = parseInput(z.object({ id: releaseId }), req.params, 'path');
    const { against } = parseInput(notesQuery, req.query, 'query');
    const isRelease =
      against !== undefined && releaseId.safeParse(against).success;
    const systems = [
      await ctx.systems.ofRelease(id),
      ...(isRelease ? [await ctx.systems.ofRelease(against)] : []),
    ];
    await ctx.authorizeSystems(req, releaseReadPermission, systems);
    const notes = await releases.notes(
      id,
      isRelease ? { release: against } : { environment: against },
    );
    if (
      req.accepts(['application/json', 'text/markdown']) === 'text/markdown'
    ) {
      res.type('text/markdown; charset=utf-8').send(notes.markdown);
    } else {
      res.json(notes);
    }
  });
}
