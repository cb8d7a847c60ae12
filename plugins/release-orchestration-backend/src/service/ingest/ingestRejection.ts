import { isError } from '@backstage/errors';

const STATUS_BY_NAME: Record<string, number> = {
  InputError: 400,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
};

/**
 * The HTTP status and message a record's error would have got as a single report, or undefined
 * when the error is not about the record (the database is down, a bug): that one is rethrown.
 */
export function ingestRejection(
  error: unknown,
): { status: number; error: string } | undefined {
  if (!isError(error)) {
    return undefined;
  }
  const status = STATUS_BY_NAME[error.name];
  return status ? { status, error: error.message } : undefined;
}
