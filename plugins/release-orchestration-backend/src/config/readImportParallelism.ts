import { Config } from '@backstage/config';

const PARALLELISM_KEY = 'releaseOrchestration.import.parallelism';

/** Transactions an ingest runs at once by default where the database can write them at once. */
export const DEFAULT_IMPORT_PARALLELISM = 2;

/**
 * `releaseOrchestration.import.parallelism`: how many transactions one import (`POST /import`, a
 * source's backfill) may run at once over records of different Systems. Default 2 on PostgreSQL;
 * always 1 on SQLite, which has a single writer. Anything but a whole number from 1 to 8 stops the
 * backend at start-up with the key named.
 */
export function readImportParallelism(
  config: Config,
  concurrentWriters: boolean,
): number {
  const value = config.getOptional(PARALLELISM_KEY);
  if (
    value !== undefined &&
    (typeof value !== 'number' ||
      !Number.isInteger(value) ||
      value < 1 ||
      value > 8)
  ) {
    throw new Error(
      `${PARALLELISM_KEY}: must be a whole number from 1 to 8, got ${JSON.stringify(
        value,
      )}`,
    );
  }
  if (!concurrentWriters) {
    return 1;
  }
  return value ?? DEFAULT_IMPORT_PARALLELISM;
}
