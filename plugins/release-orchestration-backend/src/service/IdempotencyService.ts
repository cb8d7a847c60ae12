import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DatabaseIdempotencyStore,
  StoredIdempotencyKey,
} from '../database/DatabaseIdempotencyStore';
import { IdempotencyClaim } from '../idempotency/idempotencyScope';

/** How long keys are kept by default, in days. */
export const DEFAULT_IDEMPOTENCY_RETENTION_DAYS = 7;

/** How long a retry waits for the answer of the request that holds its key, by default. */
const DEFAULT_ANSWER_WAIT_MS = 5_000;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Rules for `Idempotency-Key`: what a key holds, storing the answer of the request that holds
 * it, waiting for a concurrent request's answer, and removing expired keys.
 */
export class IdempotencyService {
  constructor(
    private readonly store: DatabaseIdempotencyStore,
    private readonly options: {
      logger?: LoggerService;
      retentionDays?: number;
      answerWaitMs?: number;
      pollMs?: number;
      now?: () => Date;
      sleep?: (ms: number) => Promise<void>;
    } = {},
  ) {}

  private now() {
    return (this.options.now ?? (() => new Date()))();
  }

  find(
    principal: string,
    key: string,
  ): Promise<StoredIdempotencyKey | undefined> {
    return this.store.get(principal, key);
  }

  /**
   * The key once its answer is stored, waiting up to the answer wait for the request that holds
   * it to finish; the key without an answer when it did not (its replica died after commit, or
   * it is slow).
   */
  async awaitAnswer(
    principal: string,
    key: string,
  ): Promise<StoredIdempotencyKey | undefined> {
    const waitMs = this.options.answerWaitMs ?? DEFAULT_ANSWER_WAIT_MS;
    const pollMs = this.options.pollMs ?? 50;
    const sleep =
      this.options.sleep ??
      (ms => new Promise<void>(resolve => setTimeout(resolve, ms)));
    const deadline = Date.now() + waitMs;
    for (;;) {
      const stored = await this.store.get(principal, key);
      if (!stored || stored.response || Date.now() >= deadline) {
        return stored;
      }
      await sleep(pollMs);
    }
  }

  /** Stores the answer of the request holding the key; failures are logged, not thrown. */
  async complete(
    claim: IdempotencyClaim,
    response: { status: number; body: string },
  ): Promise<void> {
    try {
      await this.store.complete(claim, response, this.now().toISOString());
    } catch (error) {
      this.options.logger?.warn(
        `Could not store the answer for Idempotency-Key '${claim.key}' of ${claim.principal}: ${error}; a retry will rebuild it`,
      );
    }
  }

  /**
   * Removes keys older than the retention period, in batches; safe on every replica at once.
   * Returns how many were removed.
   */
  async purgeExpired(): Promise<number> {
    const days =
      this.options.retentionDays ?? DEFAULT_IDEMPOTENCY_RETENTION_DAYS;
    const cutoff = new Date(this.now().getTime() - days * DAY_MS).toISOString();
    let removed = 0;
    for (;;) {
      const batch = await this.store.deleteCreatedBefore(cutoff, 1000);
      removed += batch;
      if (batch < 1000) {
        return removed;
      }
    }
  }
}
