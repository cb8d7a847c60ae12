import Router from 'express-promise-router';
import {
  createFreezeRequestSchema,
  freezeManagePermission,
  listFreezesQuerySchema,
  releaseReadPermission,
} from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import { FreezeService } from '../service/FreezeService';
import { RouteContext } from './RouteContext';
import { parseInput } from './validate';

/** `GET /freezes`, `POST /freezes`, `DELETE /freezes/:id`. */
export function freezeRoutes(ctx: RouteContext, freezes: FreezeService) {
  const router = Router();

  router.get('/freezes', async (req, res) => {
    await ctx.authorize(req, releaseReadPermission);
    const query = parseInput(listFreezesQuerySchema, req.query, 'query');
    res.json({ items: await freezes.list(query) });
  });

  router.post('/freezes', async (req, res) => {
    const { actor } = await ctx.authorize(req, freezeManagePermission);
    const input = parseInput(createFreezeRequestSchema, req.body, 'body');
    res.status(201).json(await freezes.create(input, actor));
  });

  router.delete('/freezes/:id', async (req, res) => {
    const { actor } = await ctx.authorize(req, freezeManagePermission);
    const { id } = parseInput(z.object({ id: z.string().uuid('must be a freeze id') }), req.params, 'path');
    await freezes.delete(id, actor);
    res.status(204).end();
  });

  return router;
}
