import { z } from 'zod';
import { normalizeEntityRef } from './entityRefs';

const isoDateTime = z
  .string()
  .refine(v => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v), {
    message: 'must be an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z',
  })
  .transform(v => new Date(v).toISOString());

/**
 * A full entity ref of one kind, normalised to lower case.
 * @public
 */
export const entityRefSchema = (kind: string) =>
  z.string().transform((value, ctx) => {
    const ref = normalizeEntityRef(value, kind);
    if (!ref) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `must be a full ${kind} entity ref like ${kind}:default/name, got '${value}'`,
      });
      return z.NEVER;
    }
    return ref;
  });

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
  .regex(/^[0-9a-f]{7,64}$/i, { message: 'must be a hex commit SHA (7-64 characters)' })
  .transform(v => v.toLowerCase());

const httpUrl = z
  .string()
  .url({ message: 'must be a URL' })
  .refine(v => /^https?:\/\//.test(v), { message: 'must be an http(s) URL' });

/**
 * Body of `POST /builds`.
 * @public
 */
export const reportBuildRequestSchema = z
  .object({
    component: entityRefSchema('component'),
    version,
    artifactUri: z.string().min(1, 'must not be empty').max(2048),
    artifactDigest: z
      .string()
      .regex(/^[a-z0-9]+:[A-Fa-f0-9]{32,128}$/, {
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
            message: z.string().max(1000).optional(),
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
    notes: z.string().max(10000).optional(),
    riskClass: z.enum(['low', 'medium', 'high']).default('medium'),
    components: z
      .array(
        z
          .object({ component: entityRefSchema('component'), version })
          .strict(),
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
  cursor: z.string().max(512).optional(),
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
      const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/**
 * A component or release version name.
 * @public
 */
export const versionNameSchema = version;

/**
 * An ISO 8601 date-time, normalised to UTC (`toISOString`).
 * @public
 */
export const isoDateTimeSchema = isoDateTime;
