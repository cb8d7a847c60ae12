import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The `Idempotency-Key` of the request being served, carried from the HTTP layer to the store's
 * transaction without threading it through every service: the first transaction of the request
 * claims the key (inserts its row) before anything else, and commits or rolls back with it.
 */
export interface IdempotencyClaim {
  /** The authenticated principal the key belongs to. */
  principal: string;
  key: string;
  /** sha256 of method, route, path parameters and canonical body. */
  requestHash: string;
  method: string;
  /** Route template, e.g. `/releases/:id/evidence`. */
  route: string;
  /** Set once a transaction that inserted the key row committed (or when the row already exists). */
  committed: boolean;
  /** Set once a committed transaction recorded what the request changed (its first audit event). */
  subjectRecorded: boolean;
}

/** Thrown inside a transaction whose key another request already holds: that one decides. */
export class IdempotencyKeyTakenError extends Error {
  constructor(readonly claim: IdempotencyClaim) {
    super(`Idempotency-Key '${claim.key}' is held by another request`);
    this.name = 'IdempotencyKeyTakenError';
  }
}

const scope = new AsyncLocalStorage<IdempotencyClaim>();

/** Runs `fn` (and everything it starts) with `claim` as the request's idempotency key. */
export function runWithIdempotencyClaim<T>(
  claim: IdempotencyClaim,
  fn: () => T,
): T {
  return scope.run(claim, fn);
}

/** The key of the request being served, if it sent one. */
export function activeIdempotencyClaim(): IdempotencyClaim | undefined {
  return scope.getStore();
}
