import { ResponseError } from '@backstage/errors';

/**
 * The sentence to show a user for a failed call: the server's own message
 * (which names the offending field or conflict) rather than the HTTP preamble.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ResponseError) {
    return error.body?.error?.message || error.message;
  }
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}
