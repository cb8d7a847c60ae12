import { Client } from 'pg';
import { withServer } from './connection';

/**
 * The name of a bench database's pristine copy: the installation as `bench:data` left it, before
 * any benchmark wrote to it.
 */
export function pristineName(database: string): string {
  return `${database}_pristine`;
}

/**
 * How PostgreSQL copies a database: FILE_COPY copies its files after a checkpoint (the fast way
 * for a large installation), WAL_LOG block by block through the WAL (PostgreSQL's default, fast
 * for a small database and with no checkpoint that would slow a busy server).
 */
export type CopyStrategy = 'FILE_COPY' | 'WAL_LOG';

/** Drops `target` (whoever is connected) and creates it again as a copy of `template`. */
async function replaceWithCopy(
  client: Client,
  target: string,
  template: string,
  strategy: CopyStrategy,
) {
  const name = client.escapeIdentifier(target);
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.query(
    `CREATE DATABASE ${name} TEMPLATE ${client.escapeIdentifier(
      template,
    )} STRATEGY ${strategy}`,
  );
}

/**
 * Copies the bench database into its pristine copy (replacing an older one). PostgreSQL copies
 * the files (STRATEGY FILE_COPY): about 30 s for the 7 GiB of scale 1 on the reference machine.
 */
export async function savePristineCopy(
  url: string,
  strategy: CopyStrategy = 'FILE_COPY',
): Promise<string> {
  return withServer(url, async (client, database) => {
    const copy = pristineName(database);
    await replaceWithCopy(client, copy, database, strategy);
    return copy;
  });
}

/**
 * Replaces the bench database with a copy of its pristine copy, so that every benchmark run
 * starts from the installation `bench:data` loaded: a history import into an installation that
 * already holds an earlier run's import moves no lead times, and measured 2-4 times faster than
 * the first (6 December). Returns false when there is no pristine copy.
 */
export async function restorePristineCopy(
  url: string,
  strategy: CopyStrategy = 'FILE_COPY',
): Promise<boolean> {
  return withServer(url, async (client, database) => {
    const copy = pristineName(database);
    const found = await client.query(
      'SELECT 1 FROM pg_database WHERE datname = $1',
      [copy],
    );
    if (found.rowCount === 0) {
      return false;
    }
    await replaceWithCopy(client, database, copy, strategy);
    return true;
  });
}
