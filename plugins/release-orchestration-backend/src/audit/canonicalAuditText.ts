// NUL is exactly what must be found.
const LONE_SURROGATE_OR_NUL =
  // eslint-disable-next-line no-control-regex
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/g;

/**
 * Text as both databases store it byte for byte: lone surrogates (which cannot be encoded as
 * UTF-8) and NUL (which PostgreSQL refuses in text) become U+FFFD. Events do not all come from
 * validated HTTP requests, so the audit store applies this before it hashes.
 */
export function canonicalAuditText(text: string): string {
  return text.replace(LONE_SURROGATE_OR_NUL, '\uFFFD');
}

/** The canonical form of an event's time: ISO 8601 UTC with microseconds, as PostgreSQL keeps it. */
const CANONICAL_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * A time as the audit chain stores and hashes it: UTC, six fractional digits (PostgreSQL's
 * precision; SQLite stores this text). Precision beyond milliseconds in the input is kept
 * only when it is already in the canonical form.
 */
export function canonicalAuditTimestamp(value: string | Date): string {
  if (typeof value === 'string' && CANONICAL_TIMESTAMP.test(value)) {
    return value;
  }
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new TypeError(
      `audit event time '${String(value)}' is not a valid time`,
    );
  }
  return date.toISOString().replace(/Z$/, '000Z');
}
