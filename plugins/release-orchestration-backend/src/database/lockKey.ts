import { Knex } from 'knex';
import { isPostgres } from './dialect';

/** The first key of this plugin's PostgreSQL advisory locks, so they cannot clash with others'. */
const LOCK_NAMESPACE = 0x524f; // "RO"

/**
 * Takes a transaction-scoped lock on a name: writers of the same name wait for each other until
 * commit. PostgreSQL uses an advisory lock; SQLite has a single writer, so nothing is needed.
 * Call inside a transaction.
 */
export async function lockKey(db: Knex, name: string): Promise<void> {
  if (isPostgres(db)) {
    await db.raw('SELECT pg_advisory_xact_lock(?, hashtext(?))', [LOCK_NAMESPACE, name]);
  }
}
