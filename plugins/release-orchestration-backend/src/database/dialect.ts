import { Knex } from 'knex';

/** Whether the connection is PostgreSQL (row locks exist) rather than SQLite (one writer). */
export function isPostgres(db: Knex): boolean {
  const client = db.client.config.client;
  return typeof client === 'string' ? /^(pg|postgres)/.test(client) : false;
}

/** The rows of a `db.raw` SELECT: pg answers a result object, better-sqlite3 the rows. */
export function rawRows<T>(db: Knex, answer: unknown): T[] {
  return (isPostgres(db) ? (answer as { rows: T[] }).rows : answer) as T[];
}

/**
 * Rows per multi-row INSERT of a batch. SQLite compiles a multi-row insert to a compound SELECT
 * of at most 500 terms, so 100 there; PostgreSQL takes up to 65,535 bind parameters a statement,
 * so 1,000 rows of the widest batched table (audit_events and deployments, under 20 columns)
 * stay far below it and a bulk import sends a tenth of the statements.
 */
export function rowsPerInsert(db: Knex): number {
  return isPostgres(db) ? 1000 : 100;
}

/** The type of a column of a {@link valuesList}. */
export type ValuesColumn = 'text' | 'integer' | 'timestamptz';

/**
 * Rows as the body of a VALUES list (`(?, ?), (?, ?)`) and their bindings, for reads that join
 * many keys at once (`with v (a, b) as (values ...) select ... from v join ...`): PostgreSQL plans
 * an OR of hundreds of branches one by one, a join with a VALUES list once. On PostgreSQL a
 * parameter of a VALUES list has no type of its own, so non-text columns are cast.
 */
export function valuesList(
  db: Knex,
  columns: ValuesColumn[],
  rows: Knex.Value[][],
): { sql: string; bindings: Knex.Value[] } {
  const postgres = isPostgres(db);
  const row = `(${columns
    .map(type => (postgres && type !== 'text' ? `cast(? as ${type})` : '?'))
    .join(', ')})`;
  return {
    sql: rows.map(() => row).join(', '),
    bindings: rows.flat(),
  };
}
