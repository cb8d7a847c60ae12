import { Client, ClientConfig } from 'pg';
import { Knex } from 'knex';

/** The PostgreSQL the benchmarks use by default: the machine's PostgreSQL 15, a database of their own. */
export const DEFAULT_POSTGRES_URL =
  'postgresql://postgres@127.0.0.1:5432/release_orchestration_bench';

/** pg client settings for a connection string. */
export function pgConfig(url: string): ClientConfig {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || 'postgres'),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
  };
}

/** pg client settings of the connection a knex instance was created with. */
export function pgConfigOfKnex(knex: Knex): ClientConfig {
  const connection = knex.client.config.connection;
  if (typeof connection === 'string') {
    return pgConfig(connection);
  }
  const c = connection as Record<string, unknown>;
  if (typeof c.connectionString === 'string') {
    return {
      ...pgConfig(c.connectionString),
      ...(c.database ? { database: String(c.database) } : {}),
    };
  }
  return {
    host: c.host as string,
    port: Number(c.port ?? 5432),
    user: c.user as string,
    ...(c.password ? { password: String(c.password) } : {}),
    database: c.database as string,
  };
}

/**
 * Runs `fn` with a client on the server's `postgres` database (to create, drop or describe the
 * database of `url`, which it is given by name).
 */
export async function withServer<T>(
  url: string,
  fn: (client: Client, database: string) => Promise<T>,
): Promise<T> {
  const config = pgConfig(url);
  const client = new Client({ ...config, database: 'postgres' });
  await client.connect();
  try {
    return await fn(client, config.database!);
  } finally {
    await client.end();
  }
}
