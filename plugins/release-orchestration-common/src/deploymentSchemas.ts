import { z } from 'zod';
import {
  entityRefSchema,
  isoDateTimeSchema,
  pageQuerySchema,
  versionNameSchema,
} from './schemas';
import { safeTextSchema } from './safeText';

const environmentName = safeTextSchema({ min: 1, max: 63, trim: false });

/**
 * A deployment status.
 * @public
 */
export const deploymentStatusSchema = z.enum([
  'started',
  'succeeded',
  'failed',
]);

/**
 * Body of `POST /deployments`. Either `component` and `version` (one component), or `releaseId`
 * (every component of the release's manifest; with `component`, only that one). With
 * `promotionId`, the release is the promotion's.
 * @public
 */
export const reportDeploymentRequestSchema = z
  .object({
    idempotencyKey: z
      .string()
      .min(1, 'must not be empty')
      .max(255, 'must be at most 255 characters')
      .regex(
        /^[\x21-\x7e]+$/,
        'may contain only printable ASCII characters without spaces',
      ),
    environment: environmentName,
    system: entityRefSchema('system').optional(),
    releaseId: z.string().uuid('must be a release id').optional(),
    component: entityRefSchema('component').optional(),
    version: versionNameSchema.optional(),
    status: deploymentStatusSchema,
    startedAt: isoDateTimeSchema.optional(),
    finishedAt: isoDateTimeSchema.optional(),
    promotionId: z.string().uuid('must be a promotion id').optional(),
    rollback: z.boolean().default(false),
    hotfix: z.boolean().default(false),
    /** Incidents (ids or external ids of the System's incidents) this deployment fixes: DORA rework. */
    fixesIncidents: z
      .array(safeTextSchema({ min: 1, max: 200 }))
      .max(50, 'must name at most 50 incidents')
      .optional(),
    deployer: safeTextSchema({ min: 1, max: 255 }).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const release = body.releaseId ?? body.promotionId;
    if (!release && !body.component) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['component'],
        message: 'give component and version, releaseId, or promotionId',
      });
    }
    if (!release && body.component && !body.version) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['version'],
        message:
          'Required with component (unless releaseId or promotionId names the release it comes from)',
      });
    }
    if (body.version && !body.component) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['component'],
        message: 'Required with version',
      });
    }
    if (body.status === 'started' && body.finishedAt) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['finishedAt'],
        message: 'must be absent while status is started',
      });
    }
    if (body.startedAt && body.finishedAt && body.finishedAt < body.startedAt) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['finishedAt'],
        message: 'must not be before startedAt',
      });
    }
  });

/**
 * Body of `POST /deployments`, as CD sends it.
 * @public
 */
export type ReportDeploymentRequest = z.input<
  typeof reportDeploymentRequestSchema
>;

/**
 * Query of `GET /deployments`.
 * @public
 */
export const listDeploymentsQuerySchema = pageQuerySchema.extend({
  system: entityRefSchema('system'),
  environment: environmentName.optional(),
});
