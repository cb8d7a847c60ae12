import { Config } from '@backstage/config';

const ANSWER_WAIT_KEY = 'releaseOrchestration.idempotency.answerWaitSeconds';

/**
 * `releaseOrchestration.idempotency.answerWaitSeconds` in milliseconds: how long a retry waits
 * for the answer of the request holding its key before rebuilding it; undefined when not set (the
 * service's default, 5 s). Anything but a number above 0 and at most 300 stops the backend at
 * start-up with the key named.
 */
export function readAnswerWaitMs(config: Config): number | undefined {
  const value = config.getOptional(ANSWER_WAIT_KEY);
  if (value === undefined) {
    return undefined;
  }
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value <= 0 ||
    value > 300
  ) {
    throw new Error(
      `${ANSWER_WAIT_KEY}: must be a number of seconds above 0 and at most 300, got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return Math.round(value * 1000);
}
