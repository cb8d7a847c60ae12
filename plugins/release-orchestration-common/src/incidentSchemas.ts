import { z } from 'zod';
import {
  entityRefSchema,
  httpUrlSchema,
  isoDateTimeSchema,
  pageQuerySchema,
} from './schemas';
import { safeTextSchema } from './safeText';

const httpUrl = httpUrlSchema;
const environmentName = safeTextSchema({ min: 1, max: 63, trim: false });
const title = safeTextSchema({ min: 1, max: 500 });
const deploymentId = z.string().uuid('must be a deployment id');
const releaseId = z.string().uuid('must be a release id');

/**
 * Body of `POST /incidents`. Leave out `deploymentId` and `releaseId` to have the incident
 * attributed automatically; set one of them to attribute it explicitly; set `deploymentId: null`
 * to say it was not caused by a deployment.
 * @public
 */
export const reportIncidentRequestSchema = z
  .object({
    externalId: safeTextSchema({ min: 1, max: 200 }),
    source: z
      .string()
      .max(64, 'must be at most 64 characters')
      .regex(
        /^[a-z0-9][a-z0-9._-]*$/,
        'may contain only lower-case letters, digits, and . _ -',
      )
      .default('api'),
    system: entityRefSchema('system'),
    environment: environmentName.optional(),
    title,
    url: httpUrl.optional(),
    openedAt: isoDateTimeSchema,
    resolvedAt: isoDateTimeSchema.optional(),
    deploymentId: deploymentId.nullable().optional(),
    releaseId: releaseId.nullable().optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.resolvedAt && body.resolvedAt < body.openedAt) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['resolvedAt'],
        message: 'must not be before openedAt',
      });
    }
    if (body.deploymentId && body.releaseId) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['releaseId'],
        message:
          'give deploymentId or releaseId, not both (the deployment names its release)',
      });
    }
  });

/**
 * Body of `POST /incidents`, as a tool or person sends it.
 * @public
 */
export type ReportIncidentRequest = z.input<typeof reportIncidentRequestSchema>;

/**
 * Body of `PATCH /incidents/{id}`: the fields to change. `resolvedAt: null` reopens;
 * `attribution: 'automatic'` attributes it automatically again.
 * @public
 */
export const updateIncidentRequestSchema = z
  .object({
    title: title.optional(),
    url: httpUrl.nullable().optional(),
    openedAt: isoDateTimeSchema.optional(),
    resolvedAt: isoDateTimeSchema.nullable().optional(),
    deploymentId: deploymentId.nullable().optional(),
    releaseId: releaseId.nullable().optional(),
    attribution: z.literal('automatic').optional(),
    /** The deployment that fixed it (DORA rework); null clears it. */
    fixedByDeploymentId: deploymentId.nullable().optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (Object.keys(body).length === 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'give at least one field to change',
      });
    }
    if (
      body.attribution &&
      (body.deploymentId !== undefined || body.releaseId !== undefined)
    ) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['attribution'],
        message:
          "'automatic' cannot be combined with deploymentId or releaseId",
      });
    }
    if (body.deploymentId && body.releaseId) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['releaseId'],
        message:
          'give deploymentId or releaseId, not both (the deployment names its release)',
      });
    }
  });

/**
 * Body of `PATCH /incidents/{id}`.
 * @public
 */
export type UpdateIncidentRequest = z.input<typeof updateIncidentRequestSchema>;

/**
 * Query of `GET /incidents`.
 * @public
 */
export const listIncidentsQuerySchema = pageQuerySchema.extend({
  system: entityRefSchema('system'),
  environment: environmentName.optional(),
});

/**
 * Query of `POST /incidents/webhook`: the System (and environment) the subscription reports for.
 * @public
 */
export const incidentWebhookQuerySchema = z.object({
  /** Fallback when no catalog entity carries the event's `pagerduty.com/service-id`. */
  system: entityRefSchema('system').optional(),
  environment: environmentName.optional(),
});

/**
 * Body of `POST /incidents/webhook`: a PagerDuty V3 webhook event (`incident.triggered`,
 * `incident.resolved`, `incident.reopened`; other event types are acknowledged and ignored).
 * Unknown fields are allowed, as PagerDuty adds them over time.
 * @public
 */
export const pagerDutyWebhookSchema = z
  .object({
    event: z
      .object({
        id: safeTextSchema({ min: 1, max: 200, trim: false }),
        event_type: safeTextSchema({ min: 1, max: 200, trim: false }),
        resource_type: safeTextSchema({ min: 1, max: 200, trim: false }),
        occurred_at: isoDateTimeSchema,
        data: z
          .object({
            id: safeTextSchema({ min: 1, max: 200, trim: false }),
            title: safeTextSchema({ max: 500 }).optional(),
            html_url: httpUrl.optional(),
            created_at: isoDateTimeSchema.optional(),
            status: safeTextSchema({ max: 200, trim: false }).optional(),
            /** The PagerDuty service; mapped to a System by the `pagerduty.com/service-id` annotation. */
            service: z
              .object({ id: safeTextSchema({ min: 1, max: 200, trim: false }) })
              .passthrough()
              .optional(),
          })
          .passthrough(),
      })
      .passthrough(),
  })
  .passthrough();

/**
 * A PagerDuty V3 webhook payload.
 * @public
 */
export type PagerDutyWebhookPayload = z.input<typeof pagerDutyWebhookSchema>;
