import { Knex } from 'knex';
import { compareCodePoints } from './compareCodePoints';
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
    await db.raw('SELECT pg_advisory_xact_lock(?, hashtext(?))', [
      LOCK_NAMESPACE,
      name,
    ]);
  }
}

/**
 * Takes the locks of several names in one statement, in code-point order of the names (as every
 * caller takes them), so two writers never wait for each other in a cycle. Call inside a
 * transaction.
 */
export async function lockKeys(db: Knex, names: string[]): Promise<void> {
  const sorted = [...new Set(names)].sort(compareCodePoints);
  if (sorted.length === 0 || !isPostgres(db)) {
    return;
  }
  // unnest ... with ordinality keeps the array's order; the lock function runs row by row in it.
  await db.raw(
    `SELECT pg_advisory_xact_lock(?, hashtext(t.name))
       FROM unnest(?::text[]) WITH ORDINALITY AS t(name, position)
      ORDER BY t.position`,
    [LOCK_NAMESPACE, sorted],
  );
}
