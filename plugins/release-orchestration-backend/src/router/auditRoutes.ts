import Router from 'express-promise-router';
import { pageQuerySchema, releaseReadPermission } from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import { AuditService } from '../service/AuditService';
import { RouteContext } from './RouteContext';
import { parseInput } from './validate';
import { normalizeEntityRef } from '@release-orchestration/plugin-release-orchestration-common';

const auditQuery = pageQuerySchema.extend({
  entity: z
    .string()
    .transform((v, ctx) => {
      const ref = normalizeEntityRef(v);
      if (!ref) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be a full entity ref like system:default/name, got '${v}'` });
        return z.NEVER;
      }
      return ref;
    })
    .optional(),
});

/** `GET /audit` and `GET /audit/verify`. */
export function auditRoutes(ctx: RouteContext, audit: AuditService) {
  const router = Router();

  router.get('/audit', async (req, res) => {
    await ctx.authorize(req, releaseReadPermission);
    const query = parseInput(auditQuery, req.query, 'query');
    res.json(await audit.list({ entityRef: query.entity, limit: query.limit, cursor: query.cursor }));
  });

  router.get('/audit/verify', async (req, res) => {
    await ctx.authorize(req, releaseReadPermission);
    res.json(await audit.verify());
  });

  return router;
}
