import { createHash } from 'node:crypto';
import { InputError } from '@backstage/errors';

/** The request header a client names its retries with. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** Visible ASCII (letters, digits, punctuation), no spaces, at most 255 characters. */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * The `Idempotency-Key` header, or undefined when the request has none; a 400 naming the header
 * when it is empty, too long, repeated or has characters outside visible ASCII.
 */
export function readIdempotencyKey(
  header: string | string[] | undefined,
): string | undefined {
  if (header === undefined) {
    return undefined;
  }
  if (Array.isArray(header) || !KEY_PATTERN.test(header)) {
    throw new InputError(
      `${IDEMPOTENCY_KEY_HEADER} header: must be one value of 1 to 255 visible ASCII characters (letters, digits, punctuation; no spaces), e.g. a UUID`,
    );
  }
  return header;
}

/** JSON with object keys sorted at every depth, so that key order does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value
      .map(v => canonicalJson(v === undefined ? null : v))
      .join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : Number(a > b)));
    return `{${entries
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** What makes two requests "the same request": method, route, path parameters and body. */
export function hashRequest(request: {
  method: string;
  route: string;
  params: Record<string, string>;
  body: unknown;
}): string {
  return createHash('sha256')
    .update(
      canonicalJson([
        request.method.toUpperCase(),
        request.route,
        request.params,
        request.body ?? null,
      ]),
    )
    .digest('hex');
}
