import { z } from 'zod';
import {
  entityRefSchema,
  httpUrlSchema,
  isoDateTimeSchema,
  pageQuerySchema,
} from './schemas';
import { safeTextSchema } from './safeText';
import { PromotionState } from './promotionTypes';

/**
 * Every promotion state, in lifecycle order.
 * @public
 */
export const promotionStates: readonly PromotionState[] = [
  'blocked',
  'pending_approval',
  'approved',
  'deploying',
  'succeeded',
  'failed',
  'rejected',
  'cancelled',
] as const;

/**
 * An environment lane name: lower-case letters, digits and dashes.
 * @public
 */
export const environmentNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
    message:
      'must be an environment name: lower-case letters, digits and dashes',
  });

const evidenceType = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, {
  message:
    'must be an evidence type: lower-case letters, digits, dots, dashes and underscores, e.g. unit-tests',
});

const httpUrl = httpUrlSchema;

const justification = safeTextSchema({ max: 2000 }).refine(
  v => v.length >= 10,
  {
    message: 'must explain the reason in at least 10 characters',
  },
);

/** A reason, comment or justification a person writes: text of at most 2000 characters. */
const prose = (min = 0) => safeTextSchema({ min, max: 2000 });

/**
 * Body of `POST /releases/{id}/evidence`.
 * @public
 */
export const attachEvidenceRequestSchema = z
  .object({
    type: evidenceType,
    status: z.enum(['pass', 'fail', 'warn'], {
      errorMap: () => ({ message: "must be 'pass', 'fail' or 'warn'" }),
    }),
    url: httpUrl,
    summary: prose(1),
    environment: environmentNameSchema.optional(),
    contentDigest: z
      .string()
      .regex(/^[a-z0-9]+:[A-Fa-f0-9]{32,128}$/, {
        message: "must be '<algorithm>:<hex>', e.g. sha256:9f86d0…",
      })
      .transform(v => v.toLowerCase())
      .optional(),
  })
  .strict();

/**
 * Body of `POST /releases/{id}/evidence`, as sent by CI.
 * @public
 */
export type AttachEvidenceRequest = z.input<typeof attachEvidenceRequestSchema>;

const emergencyOverride = z.object({ justification }).strict();

/**
 * Body of `POST /releases/{id}/promotions`.
 * @public
 */
export const requestPromotionRequestSchema = z
  .object({
    environment: environmentNameSchema,
    justification: prose(1).optional(),
    emergencyOverride: emergencyOverride.optional(),
  })
  .strict();

/**
 * Body of `POST /releases/{id}/promotions`.
 * @public
 */
export type RequestPromotionRequest = z.input<
  typeof requestPromotionRequestSchema
>;

/**
 * Body of `POST /systems/{namespace}/{name}/rollback`.
 * @public
 */
export const rollbackRequestSchema = z
  .object({
    environment: environmentNameSchema,
    toRelease: z.string().uuid('must be a release id').optional(),
    justification: prose(1).optional(),
    emergencyOverride: emergencyOverride.optional(),
  })
  .strict();

/**
 * Body of `POST /systems/{namespace}/{name}/rollback`.
 * @public
 */
export type RollbackRequest = z.input<typeof rollbackRequestSchema>;

/**
 * Body of `POST /promotions/{id}/approvals`.
 * @public
 */
export const approvalRequestSchema = z
  .object({
    decision: z.enum(['approve', 'reject'], {
      errorMap: () => ({ message: "must be 'approve' or 'reject'" }),
    }),
    comment: safeTextSchema({ max: 4000 }).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.decision === 'reject' && !value.comment) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['comment'],
        message: 'is required when rejecting: say what must change',
      });
    }
  });

/**
 * Body of `POST /promotions/{id}/approvals`.
 * @public
 */
export type ApprovalRequest = z.input<typeof approvalRequestSchema>;

/**
 * Body of `POST /promotions/{id}/cancel`.
 * @public
 */
export const cancelPromotionRequestSchema = z
  .object({ reason: prose().optional() })
  .strict();

/**
 * Body of `POST /promotions/{id}/transitions`, for pipelines that do not report deployments.
 * @public
 */
export const promotionTransitionRequestSchema = z
  .object({
    to: z.enum(['deploying', 'succeeded', 'failed'], {
      errorMap: () => ({
        message: "must be 'deploying', 'succeeded' or 'failed'",
      }),
    }),
    reason: prose().optional(),
  })
  .strict();

/**
 * Body of `POST /promotions/{id}/transitions`.
 * @public
 */
export type PromotionTransitionRequest = z.input<
  typeof promotionTransitionRequestSchema
>;

/**
 * Query of `GET /promotions`.
 * @public
 */
export const listPromotionsQuerySchema = pageQuerySchema.extend({
  state: z
    .enum(promotionStates as [PromotionState, ...PromotionState[]], {
      errorMap: () => ({
        message: `must be one of ${promotionStates.join(', ')}`,
      }),
    })
    .optional(),
  approver: z
    .literal('me', { errorMap: () => ({ message: "must be 'me'" }) })
    .optional(),
  environment: environmentNameSchema.optional(),
  system: entityRefSchema('system').optional(),
});

/**
 * Query of `GET /promotions/count`: the filters of `GET /promotions`, without its page.
 * @public
 */
export const countPromotionsQuerySchema = listPromotionsQuerySchema.omit({
  cursor: true,
  limit: true,
});

/**
 * Body of `POST /releases/{id}/quarantine` (quarantine a release) and of
 * `DELETE /releases/{id}/quarantine` (lift it): why, in at least 10 characters.
 * @public
 */
export const quarantineRequestSchema = z
  .object({ reason: justification })
  .strict();

/**
 * Body of `POST /freezes`.
 * @public
 */
export const createFreezeRequestSchema = z
  .object({
    environment: environmentNameSchema,
    systems: z
      .array(entityRefSchema('system'))
      .max(200, 'must list at most 200 Systems')
      .optional(),
    start: isoDateTimeSchema,
    end: isoDateTimeSchema,
    reason: prose(1),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.end <= value.start) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['end'],
        message: 'must be after start',
      });
    }
  });

/**
 * Body of `POST /freezes`.
 * @public
 */
export type CreateFreezeRequest = z.input<typeof createFreezeRequestSchema>;

/**
 * Query of `GET /freezes`.
 * @public
 */
export const listFreezesQuerySchema = z.object({
  environment: environmentNameSchema.optional(),
  includePast: z
    .enum(['true', 'false'], {
      errorMap: () => ({ message: "must be 'true' or 'false'" }),
    })
    .transform(v => v === 'true')
    .optional(),
});
