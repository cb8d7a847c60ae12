import { ResponseError } from '@backstage/errors';
import { UnmetCondition } from '@release-orchestration/plugin-release-orchestration-common';
import { errorMessage } from './errorMessage';

/**
 * The unmet conditions of a refused promotion request (422, or 409 for an
 * open promotion), as the backend words them; empty for any other error.
 */
export function unmetConditionsOf(error: unknown): UnmetCondition[] {
  if (!(error instanceof ResponseError)) {
    return [];
  }
  const body = error.body as { unmetConditions?: unknown };
  if (!Array.isArray(body.unmetConditions)) {
    return [];
  }
  return body.unmetConditions.filter(
    (c): c is UnmetCondition =>
      typeof c?.code === 'string' && typeof c?.message === 'string',
  );
}

/** Why a promotion or rollback request failed: the message and its unmet conditions. */
export interface RequestRefusal {
  message: string;
  conditions: UnmetCondition[];
}

/** The {@link RequestRefusal} of an error from a promotion or rollback request. */
export function refusalOf(error: unknown): RequestRefusal {
  return { message: errorMessage(error), conditions: unmetConditionsOf(error) };
}
