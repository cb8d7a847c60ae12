import { z } from 'zod';
import { normalizeEntityRef } from './entityRefs';
import { isoDateTimeSchema, pageQuerySchema } from './schemas';

const MAX_WINDOW_DAYS = 731;

/**
 * A DORA entity: a full System or Group ref, or `org`.
 * @public
 */
export const doraEntitySchema = z.string().transform((value, ctx) => {
  if (value.trim().toLocaleLowerCase('en-US') === 'org') {
    return 'org';
  }
  const ref = normalizeEntityRef(value);
  if (!ref || !/^(system|group):/.test(ref)) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `must be a System or Group ref like system:default/name or group:default/team, or 'org'; got '${value}'`,
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

function checkWindow(query: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (query.from && query.to) {
    const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
    if (days <= 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['to'], message: 'must be after from' });
    } else if (days > MAX_WINDOW_DAYS) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['from'], message: `the window may be at most ${MAX_WINDOW_DAYS} days` });
    }
  }
}

/**
 * Query of `GET /dora`. Without `to`, now; without `from`, 30 days before `to`.
 * @public
 */
export const doraQuerySchema = windowQuery.strict().superRefine(checkWindow);

/**
 * Query of `GET /dora/systems`: the window, and a page of Systems ordered by ref.
 * @public
 */
export const doraSystemsQuerySchema = windowQuery
  .merge(pageQuerySchema)
  .strict()
  .superRefine(checkWindow);
