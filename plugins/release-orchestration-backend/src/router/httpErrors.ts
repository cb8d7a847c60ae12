import { CustomErrorBase } from '@backstage/errors';

/**
 * An error that carries its HTTP status, for the statuses `@backstage/errors` has no class for.
 * Backstage's error middleware answers with `statusCode` and its usual JSON error body.
 */
abstract class HttpStatusError extends CustomErrorBase {
  abstract readonly statusCode: number;
}

/** 405: the path exists, the method does not. The route sets the `Allow` header. */
export class MethodNotAllowedError extends HttpStatusError {
  name = 'MethodNotAllowedError' as const;
  readonly statusCode = 405;
}

/** 413: the request body is larger than the router accepts. */
export class PayloadTooLargeError extends HttpStatusError {
  name = 'PayloadTooLargeError' as const;
  readonly statusCode = 413;
}

/** 415: the request body is not JSON. */
export class UnsupportedMediaTypeError extends HttpStatusError {
  name = 'UnsupportedMediaTypeError' as const;
  readonly statusCode = 415;
}
