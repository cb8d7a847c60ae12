import {
  addRecurringFreezeExceptionRequestSchema,
  createRecurringFreezeRequestSchema,
  freezeManageAllPermission,
  freezeManagePermission,
} from '@release-orchestration/plugin-release-orchestration-common';
import { Request } from 'express';
import { z } from 'zod';
import { RecurringFreezeService } from '../service/freezes/RecurringFreezeService';
import { ApiRouter } from './apiRouter';
import { RouteContext } from './RouteContext';
import { parseInput } from './validate';

/** Like a one-off freeze: `freeze.manage` on each named System, else `freeze.manage-all`. */
function authorizeFreeze(ctx: RouteContext, req: Request, systems: string[]) {
  return systems.length > 0
    ? ctx.authorizeSystems(req, freezeManagePermission, systems)
    : ctx.authorize(req, freezeManageAllPermission);
}

const idParams = z.object({
  id: z.string().uuid('must be a recurring freeze window id'),
});

/**
 * `GET /recurring-freezes`, `POST /recurring-freezes`, `POST /recurring-freezes/preview`,
 * `POST /recurring-freezes/:id/exceptions`, `DELETE /recurring-freezes/:id`.
 */
export function recurringFreezeRoutes(
  router: ApiRouter,
  ctx: RouteContext,
  recurring: RecurringFreezeService,
): void {
  router.get('/recurring-freezes', async (req, res) => {
    // The lanes' schedule, like GET /freezes: anyone who may read some System sees it.
    await ctx.authorizeAnyRead(req);
    res.json({ items: await recurring.list() });
  });

  router.post('/recurring-freezes/preview', async (req, res) => {
    await ctx.authorizeAnyRead(req);
    const input = parseInput(
      createRecurringFreezeRequestSchema,
      req.body,
      'body',
    );
    res.json(recurring.preview(input));
  });

  router.post('/recurring-freezes', async (req, res) => {
    await ctx.caller(req);
    const input = parseInput(
      createRecurringFreezeRequestSchema,
      req.body,
      'body',
    );
    const { actor } = await authorizeFreeze(ctx, req, input.systems ?? []);
    const { rule, created } = await recurring.create(input, actor);
    res.status(created ? 201 : 200).json(rule);
  });

  router.post('/recurring-freezes/:id/exceptions', async (req, res) => {
    await ctx.caller(req);
    const { id } = parseInput(idParams, req.params, 'path');
    const { date } = parseInput(
      addRecurringFreezeExceptionRequestSchema,
      req.body,
      'body',
    );
    const { actor } = await authorizeFreeze(
      ctx,
      req,
      (
        await recurring.get(id)
      ).systems,
    );
    res.json(await recurring.addException(id, date, actor));
  });

  router.delete('/recurring-freezes/:id', async (req, res) => {
    await ctx.caller(req);
    const { id } = parseInput(idParams, req.params, 'path');
    const { actor } = await authorizeFreeze(
      ctx,
      req,
      (
        await recurring.get(id)
      ).systems,
    );
    await recurring.delete(id, actor);
    res.status(204).end();
  });
}
