import { InputError } from '@backstage/errors';
import express from 'express';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from './httpErrors';
import { Request } from './RouteContext';

/** The largest request body the API reads. */
export const MAX_BODY_BYTES = 1024 * 1024;

const JSON_TYPES = ['application/json', 'application/*+json'];
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses a request body that is not JSON with 415, before it is read: express.json() would
 * skip it and the route would see `{}`. A request without a body (no content) stays allowed.
 * `streamed` names the paths that read other types themselves (e.g. NDJSON on `/import`).
 */
export function requireJsonBody(
  streamed: Record<string, string[]> = {},
): express.RequestHandler {
  return (req, _res, next) => {
    const types = streamed[req.path]
      ? [...JSON_TYPES, ...streamed[req.path]]
      : JSON_TYPES;
    if (
      METHODS_WITH_BODY.has(req.method) &&
      hasContent(req) &&
      !req.is(types)
    ) {
      const type = req.headers['content-type'];
      next(
        new UnsupportedMediaTypeError(
          `Unsupported request body: Content-Type must be application/json, got ${
            type ? JSON.stringify(type.slice(0, 100)) : 'none'
          }`,
        ),
      );
      return;
    }
    next();
  };
}

/** Whether the request carries body bytes (a chunked body, or a non-zero Content-Length). */
function hasContent(req: express.Request): boolean {
  const length = req.headers['content-length'];
  return (
    req.headers['transfer-encoding'] !== undefined ||
    (length !== undefined && length !== '0')
  );
}

const rawBodyKey = Symbol('release-orchestration.rawBody');

/** The bytes of a JSON request body as received, e.g. to check a webhook's signature over them. */
export function rawBodyOf(req: Request): Buffer | undefined {
  return (req as unknown as Record<symbol, Buffer | undefined>)[rawBodyKey];
}

/** express.json() for the API's types and size, with its failures said in the API's words. */
export function jsonBody(): express.RequestHandler[] {
  const parse = express.json({
    limit: MAX_BODY_BYTES,
    type: JSON_TYPES,
    // Keeps the bytes (already in memory) for signature checks such as PagerDuty's.
    verify: (req, _res, buf) => {
      (req as unknown as Record<symbol, Buffer>)[rawBodyKey] = buf;
    },
  });
  const explain: express.ErrorRequestHandler = (err, _req, _res, next) => {
    if (err?.type === 'entity.parse.failed') {
      next(
        new InputError(`Invalid request body: not valid JSON (${err.message})`),
      );
    } else if (err?.type === 'entity.too.large') {
      next(
        new PayloadTooLargeError(
          `Request body too large: the limit is ${MAX_BODY_BYTES} bytes (1 MB)`,
        ),
      );
    } else if (
      err?.type === 'encoding.unsupported' ||
      err?.type === 'charset.unsupported'
    ) {
      next(
        new UnsupportedMediaTypeError(
          `Unsupported request body: ${err.message}`,
        ),
      );
    } else if (
      typeof err?.status === 'number' &&
      err.status >= 400 &&
      err.status < 500
    ) {
      next(new InputError(`Invalid request body: ${err.message}`));
    } else {
      next(err);
    }
  };
  return [parse, explain as unknown as express.RequestHandler];
}
