import { Client } from 'pg';
import { pgConfig } from './connection';

/**
 * The name of a bench database's pristine copy: the installation as `bench:data` left it, before
 * any benchmark wrote to it.
 */
export function pristineName(database: string): string {
  return `${database}_pristine`;
}

/** A connection string's database, as a quoted SQL identifier. */
function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * How PostgreSQL copies a database: FILE_COPY copies its files after a checkpoint (the fast way
 * for a large installation), WAL_LOG block by block through the WAL (PostgreSQL's default, fast
 * for a small database and with no checkpoint that would slow a busy server).
 */
export type CopyStrategy = 'FILE_COPY' | 'WAL_LOG';

async function withAdmin<T>(
  url: string,
  run: (admin: Client, database: string) => Promise<T>,
): Promise<T> {
  const config = pgConfig(url);
  const admin = new Client({ ...config, database: 'postgres' });
  await admin.connect();
  try {
    return await run(admin, String(config.database));
  } finally {
    await admin.end();
  }
}

/**
 * Copies the bench database into its pristine copy (replacing an older one). PostgreSQL copies
 * the files (STRATEGY FILE_COPY): about 30 s for the 7 GiB of scale 1 on the reference machine.
 */
export async function savePristineCopy(
  url: string,
  strategy: CopyStrategy = 'FILE_COPY',
): Promise<string> {
  return withAdmin(url, async (admin, database) => {
    const copy = pristineName(database);
    await admin.query(`DROP DATABASE IF EXISTS ${quoted(copy)} WITH (FORCE)`);
    await admin.query(
      `CREATE DATABASE ${quoted(copy)} TEMPLATE ${quoted(
        database,
      )} STRATEGY ${strategy}`,
    );
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
  return withAdmin(url, async (admin, database) => {
    const copy = pristineName(database);
    const found = await admin.query(
      'SELECT 1 FROM pg_database WHERE datname = $1',
      [copy],
    );
    if (found.rowCount === 0) {
      return false;
    }
    await admin.query(
      `DROP DATABASE IF EXISTS ${quoted(database)} WITH (FORCE)`,
    );
    await admin.query(
      `CREATE DATABASE ${quoted(database)} TEMPLATE ${quoted(
        copy,
      )} STRATEGY ${strategy}`,
    );
    return true;
  });
}
