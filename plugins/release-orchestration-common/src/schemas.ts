import { z } from 'zod';
import { normalizeEntityRef } from './entityRefs';
import { MAX_ENTITY_REF_LENGTH, quoteInput, safeTextSchema } from './safeText';
import { timestampSchema } from './timestampSchema';

const isoDateTime = timestampSchema;

/**
 * A full entity ref of one kind, normalised to lower case.
 * @public
 */
export const entityRefSchema = (kind: string) =>
  z
    .string({
      invalid_type_error: `must be a full ${kind} entity ref (a string)`,
    })
    .transform((value, ctx) => {
      const ref =
        value.length <= MAX_ENTITY_REF_LENGTH
          ? normalizeEntityRef(value, kind)
          : undefined;
      if (!ref) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message:
            value.length > MAX_ENTITY_REF_LENGTH
              ? `must be at most ${MAX_ENTITY_REF_LENGTH} characters (an entity ref)`
              : `must be a full ${kind} entity ref like ${kind}:default/name, got ${quoteInput(
                  value,
                )}`,
        });
        return z.NEVER;
      }
      return ref;
    });

/**
 * The namespace or name part of an entity ref (as in a path like `/systems/{namespace}/{name}`).
 * @public
 */
export const entityNameSegmentSchema = z
  .string()
  .max(63, 'must be at most 63 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be an entity name');

const version = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._+\-]*$/, {
    message: 'may contain only letters, digits, and . _ + -',
  });

const commitSha = z
  .string()
  .regex(/^[0-9a-f]{7,64}$/i, {
    message: 'must be a hex commit SHA (7-64 characters)',
  })
  .transform(v => v.toLowerCase());

const httpUrl = z
  .string()
  .max(2048, 'must be at most 2048 characters')
  .url({ message: 'must be a URL' })
  .refine(v => /^https?:\/\//.test(v), { message: 'must be an http(s) URL' })
  .pipe(safeTextSchema({ max: 2048, trim: false }));

/**
 * Body of `POST /builds`.
 * @public
 */
export const reportBuildRequestSchema = z
  .object({
    component: entityRefSchema('component'),
    version,
    artifactUri: safeTextSchema({ min: 1, max: 2048, trim: false }),
    artifactDigest: z.string().regex(/^[a-z0-9]+:[A-Fa-f0-9]{32,128}$/, {
      message: "must be '<algorithm>:<hex>', e.g. sha256:9f86d0…",
    }),
    buildUrl: httpUrl.optional(),
    commitSha,
    commitTime: isoDateTime,
    commits: z
      .array(
        z
          .object({
            sha: commitSha,
            time: isoDateTime,
            message: safeTextSchema({ max: 1000, trim: false }).optional(),
            author: safeTextSchema({ min: 1, max: 200 }).optional(),
          })
          .strict(),
      )
      .max(1000, 'at most 1000 commits per build')
      .optional(),
  })
  .strict();

/**
 * Body of `POST /builds`, as sent by CI.
 * @public
 */
export type ReportBuildRequest = z.input<typeof reportBuildRequestSchema>;

/**
 * Body of `POST /releases`.
 * @public
 */
export const createReleaseRequestSchema = z
  .object({
    system: entityRefSchema('system'),
    version,
    notes: safeTextSchema({ max: 10000, trim: false }).optional(),
    riskClass: z.enum(['low', 'medium', 'high']).default('medium'),
    components: z
      .array(
        z.object({ component: entityRefSchema('component'), version }).strict(),
      )
      .min(1, 'must list at least one component')
      .max(500)
      .optional(),
  })
  .strict();

/**
 * Body of `POST /releases`: explicit component versions, or none for the newest build of each.
 * @public
 */
export type CreateReleaseRequest = z.input<typeof createReleaseRequestSchema>;

/**
 * Query of list routes with cursor pagination.
 * @public
 */
export const pageQuerySchema = z.object({
  cursor: safeTextSchema({ min: 1, max: 512, trim: false }).optional(),
  limit: z.coerce
    .number({ invalid_type_error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(200, 'must be at most 200')
    .default(25),
});

/**
 * Turns the first zod issue into a sentence naming the field.
 * @public
 */
export function describeZodError(error: z.ZodError, prefix = ''): string {
  return error.issues
    .slice(0, 5)
    .map(issue => {
      const path = [prefix, ...issue.path.map(String)]
        .filter(Boolean)
        .join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .map(printable)
    .join('; ');
}

/** zod quotes the input in some messages (enums, unknown keys): keep them short and printable. */
function printable(sentence: string): string {
  const short = sentence.length > 300 ? `${sentence.slice(0, 300)}…` : sentence;
  return short.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f]|\p{Cs}/gu,
    c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * A component or release version name.
 * @public
 */
export const versionNameSchema = version;

/**
 * An ISO 8601 date-time, normalised to UTC (`toISOString`): the {@link timestampSchema}.
 * @public
 */
export const isoDateTimeSchema = isoDateTime;

/**
 * An http(s) URL of at most 2048 characters, storable as text.
 * @public
 */
export const httpUrlSchema = httpUrl;
