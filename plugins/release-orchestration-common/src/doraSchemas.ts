import { z } from 'zod';
import { normalizeEntityRef } from './entityRefs';
import { isoDateTimeSchema, pageQuerySchema } from './schemas';
import { MAX_ENTITY_REF_LENGTH, quoteInput } from './safeText';
import { timestampBounds } from './timestampSchema';

/**
 * The longest DORA window a query may ask for, in days.
 * @public
 */
export const MAX_DORA_WINDOW_DAYS = 731;

/**
 * What is wrong with a DORA window `[from, to)` in epoch milliseconds (defaults applied), or
 * undefined: it must be non-empty, at most {@link MAX_DORA_WINDOW_DAYS} long, and its previous
 * window (of the same length, compared against) must start in year 0001 or later.
 * @public
 */
export function doraWindowProblem(window: {
  from: number;
  to: number;
}): { field: 'from' | 'to'; message: string } | undefined {
  const days = (window.to - window.from) / 86_400_000;
  if (days <= 0) {
    return {
      field: 'to',
      message: `must be after from (${new Date(window.from).toISOString()})`,
    };
  }
  if (days > MAX_DORA_WINDOW_DAYS) {
    return {
      field: 'from',
      message: `the window may be at most ${MAX_DORA_WINDOW_DAYS} days; ${new Date(
        window.from,
      ).toISOString()} to ${new Date(window.to).toISOString()} is ${Math.ceil(
        days,
      )}`,
    };
  }
  if (window.from - (window.to - window.from) < timestampBounds.min) {
    return {
      field: 'from',
      message:
        'the previous window, compared against, would start before the year 0001',
    };
  }
  return undefined;
}

/**
 * A DORA entity: a full System or Group ref, or `org`.
 * @public
 */
export const doraEntitySchema = z.string().transform((value, ctx) => {
  if (value.trim().toLocaleLowerCase('en-US') === 'org') {
    return 'org';
  }
  const ref =
    value.length <= MAX_ENTITY_REF_LENGTH
      ? normalizeEntityRef(value)
      : undefined;
  if (!ref || !/^(system|group):/.test(ref)) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `must be a System or Group ref like system:default/name or group:default/team (at most ${MAX_ENTITY_REF_LENGTH} characters), or 'org'; got ${quoteInput(
        value,
      )}`,
    });
    return z.NEVER;
  }
  return ref;
});

const windowQuery = z.object({
  entity: doraEntitySchema,
  from: isoDateTimeSchema.optional(),
  to: isoDateTimeSchema.optional(),
});

function checkWindow(
  query: { from?: string; to?: string },
  ctx: z.RefinementCtx,
) {
  if (query.from && query.to) {
    const problem = doraWindowProblem({
      from: Date.parse(query.from),
      to: Date.parse(query.to),
    });
    if (problem) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [problem.field],
        message: problem.message,
      });
    }
  }
}

/**
 * Query of `GET /dora`. Without `to`, now; without `from`, 30 days before `to`.
 * @public
 */
export const doraQuerySchema = windowQuery.strict().superRefine(checkWindow);

const doraMetricNames = [
  'deploymentFrequency',
  'changeLeadTime',
  'changeFailureRate',
  'failedDeploymentRecoveryTime',
  'reworkRate',
] as const;

/**
 * What `GET /dora/systems` sorts by: the System ref, or a metric's value (per day, median, rate).
 * @public
 */
export const doraSystemsSortSchema = z.enum(['system', ...doraMetricNames], {
  errorMap: () => ({
    message: `must be one of system, ${doraMetricNames.join(', ')}`,
  }),
});

/**
 * Query of `GET /dora/systems`: the window, an entity (default `org`), the order and a page.
 * Without `sort`, by System ref.
 * @public
 */
export const doraSystemsQuerySchema = windowQuery
  .extend({
    entity: doraEntitySchema.default('org'),
    sort: doraSystemsSortSchema.default('system'),
    order: z
      .enum(['asc', 'desc'], {
        errorMap: () => ({ message: 'must be asc or desc' }),
      })
      .default('asc'),
  })
  .merge(pageQuerySchema)
  .strict()
  .superRefine(checkWindow);

/**
 * Query of `GET /dora/teams`: the window only; every team is answered at once.
 * @public
 */
export const doraTeamsQuerySchema = windowQuery
  .omit({ entity: true })
  .strict()
  .superRefine(checkWindow);

/**
 * Query of `GET /dora/facts`: the rows behind one metric of an entity's window, a page at a time.
 * @public
 */
export const doraFactsQuerySchema = windowQuery
  .extend({
    metric: z.enum(
      [
        'deploymentFrequency',
        'changeLeadTime',
        'changeFailureRate',
        'failedDeploymentRecoveryTime',
        'reworkRate',
      ],
      {
        errorMap: () => ({
          message:
            'must be one of deploymentFrequency, changeLeadTime, changeFailureRate, failedDeploymentRecoveryTime, reworkRate',
        }),
      },
    ),
  })
  .merge(pageQuerySchema)
  .strict()
  .superRefine(checkWindow);
