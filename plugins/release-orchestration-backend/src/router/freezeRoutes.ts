import {
  createFreezeRequestSchema,
  freezeManageAllPermission,
  freezeManagePermission,
  listFreezesQuerySchema,
} from '@release-orchestration/plugin-release-orchestration-common';
import { Request } from 'express';
import { z } from 'zod';
import { FreezeService } from '../service/FreezeService';
import { ApiRouter } from './apiRouter';
import { RouteContext } from './RouteContext';
import { parseInput } from './validate';

/**
 * A freeze of named Systems needs `freeze.manage` on each of them; a freeze of a whole lane
 * (no Systems named) needs `freeze.manage-all`.
 */
function authorizeFreeze(
  ctx: RouteContext,
  req: Request,
  systems: string[] | undefined,
) {
  return systems && systems.length > 0
    ? ctx.authorizeSystems(req, freezeManagePermission, systems)
    : ctx.authorize(req, freezeManageAllPermission);
}

/** `GET /freezes`, `POST /freezes`, `DELETE /freezes/:id`. */
export function freezeRoutes(
  router: ApiRouter,
  ctx: RouteContext,
  freezes: FreezeService,
): void {
  router.get('/freezes', async (req, res) => {
    // Freeze windows are the lanes' schedule: anyone who may read some System sees them.
    await ctx.authorizeAnyRead(req);
    const query = parseInput(listFreezesQuerySchema, req.query, 'query');
    res.json({ items: await freezes.list(query) });
  });

  router.post('/freezes', async (req, res) => {
    await ctx.caller(req);
    const input = parseInput(createFreezeRequestSchema, req.body, 'body');
    const { actor } = await authorizeFreeze(ctx, req, input.systems);
    res.status(201).json(await freezes.create(input, actor));
  });

  router.delete('/freezes/:id', async (req, res) => {
    await ctx.caller(req);
    const { id } = parseInput(
      z.object({
        // A recurring window's id is accepted to be answered with where to change it.
        id: z
          .string()
          .refine(
            v =>
              z.string().uuid().safeParse(v).success ||
              /^recurring:[a-z0-9-]+:[a-z0-9-]+$/.test(v),
            'must be a freeze id',
          ),
      }),
      req.params,
      'path',
    );
    const { actor } = await authorizeFreeze(
      ctx,
      req,
      (
        await freezes.get(id)
      ).systems,
    );
    await freezes.delete(id, actor);
    res.status(204).end();
  });
}
