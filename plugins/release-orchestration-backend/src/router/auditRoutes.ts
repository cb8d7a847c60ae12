import { pageQuerySchema } from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import { AuditService } from '../service/AuditService';
import { ApiRouter } from './apiRouter';
import { RouteContext } from './RouteContext';
import { parseInput } from './validate';
import {
  auditVerifyPermission,
  normalizeEntityRef,
} from '@release-orchestration/plugin-release-orchestration-common';

const auditQuery = pageQuerySchema.extend({
  entity: z
    .string()
    .transform((v, ctx) => {
      const ref = normalizeEntityRef(v);
      if (!ref) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be a full entity ref like system:default/name, got '${v}'`,
        });
        return z.NEVER;
      }
      return ref;
    })
    .optional(),
});

const verifyQuery = z.object({
  checkpoint: z.string().min(1).max(2000).optional(),
});

/** `GET /audit`, `GET /audit/verify` and `POST /audit/verify/full`. */
export function auditRoutes(
  router: ApiRouter,
  ctx: RouteContext,
  audit: AuditService,
): void {
  router.get('/audit', async (req, res) => {
    await ctx.authorizeAnyRead(req);
    const query = parseInput(auditQuery, req.query, 'query');
    const page = await audit.list({
      entityRef: query.entity,
      limit: query.limit,
      cursor: query.cursor,
    });
    // Only events of Systems the caller may read; a page can come out shorter than the limit.
    const systemOf = new Map<string, string>();
    for (const ref of new Set(page.items.map(e => e.entityRef))) {
      systemOf.set(
        ref,
        ref.startsWith('component:') ? await ctx.systems.ofComponent(ref) : ref,
      );
    }
    res.json({
      ...page,
      items: await ctx.readable(
        req,
        page.items,
        e => systemOf.get(e.entityRef)!,
      ),
    });
  });

  router.get('/audit/verify', async (req, res) => {
    await ctx.authorize(req, auditVerifyPermission);
    const query = parseInput(verifyQuery, req.query, 'query');
    res.json(await audit.verify({ checkpoint: query.checkpoint }));
  });

  router.post('/audit/verify/full', async (req, res) => {
    await ctx.authorize(req, auditVerifyPermission);
    res.status(202).json(await audit.requestFullVerification());
  });
}
