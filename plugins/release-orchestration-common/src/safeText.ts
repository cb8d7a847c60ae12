import { z } from 'zod';

/**
 * The length of a `varchar` column made by knex's `table.string(name)` without a length, which
 * is what every entity-ref and principal column of the plugin uses.
 * @public
 */
export const MAX_ENTITY_REF_LENGTH = 255;

/** A lone UTF-16 surrogate: with the `u` flag a well-formed pair is one code point, not a `Cs`. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Why a string cannot be stored as text, or undefined when it can: PostgreSQL refuses NUL, and
 * a lone surrogate is not Unicode (it would be stored as something else than what was hashed).
 * @public
 */
export function describeUnsafeText(value: string): string | undefined {
  if (value.includes('\u0000')) {
    return 'must not contain the NUL character (\\u0000)';
  }
  if (LONE_SURROGATE.test(value)) {
    return 'must be well-formed Unicode: it contains a lone UTF-16 surrogate';
  }
  return undefined;
}

/** Options of {@link safeTextSchema}. @public */
export interface SafeTextOptions {
  /** The most characters (UTF-16 code units) allowed; the column's length for `varchar` columns. */
  max: number;
  /** The fewest characters allowed after trimming; 0 by default. */
  min?: number;
  /** Whether to trim white space first (the default). */
  trim?: boolean;
}

/**
 * A free-text field that the database can store exactly: a string without NUL and lone
 * surrogates, trimmed (unless `trim: false`), and bounded to `max` characters.
 * @public
 */
export function safeTextSchema(options: SafeTextOptions) {
  let schema = z.string({
    invalid_type_error: 'must be a string',
    required_error: 'Required',
  });
  if (options.trim !== false) {
    schema = schema.trim();
  }
  if (options.min) {
    schema = schema.min(
      options.min,
      options.min === 1
        ? 'must not be empty'
        : `must be at least ${options.min} characters`,
    );
  }
  schema = schema.max(options.max, `must be at most ${options.max} characters`);
  return schema.superRefine((value, ctx) => {
    const problem = describeUnsafeText(value);
    if (problem) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    }
  });
}

/**
 * A value to quote in an error message: at most 60 characters, JSON-escaped so that control
 * characters and lone surrogates are visible instead of sent back raw.
 * @public
 */
export function quoteInput(value: string): string {
  const head = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  // JSON.stringify escapes control characters and lone surrogates (well-formed JSON.stringify).
  return JSON.stringify(head);
}
