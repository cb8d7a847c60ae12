import { Knex } from 'knex';

/** Whether the connection is PostgreSQL (row locks exist) rather than SQLite (one writer). */
export function isPostgres(db: Knex): boolean {
  const client = db.client.config.client;
  return typeof client === 'string' ? /^(pg|postgres)/.test(client) : false;
}
