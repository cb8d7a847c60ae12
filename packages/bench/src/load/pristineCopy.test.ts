import { Client } from 'pg';
import {
  pristineName,
  restorePristineCopy,
  savePristineCopy,
} from './pristineCopy';

jest.setTimeout(120_000);

// PostgreSQL only (the SQLite bench installation is a file), and never skipped: without a server
// it fails and says what to set, like the store tests' POSTGRES_15 cases. scripts/test.sh sets it.
const server = (
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ?? ''
).replace(/\/+$/, '');

describe('the pristine copy of a bench database, on POSTGRES_15', () => {
  const name = `ro_bench_pristine_test_${process.pid}`;
  const url = `${server}/${name}`;
  const admin = new Client({ connectionString: `${server}/postgres` });

  async function rows(): Promise<string[]> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const result = await client.query('SELECT v FROM t ORDER BY v');
      return result.rows.map(r => r.v);
    } finally {
      await client.end();
    }
  }

  async function run(sql: string) {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    if (!server) {
      throw new Error(
        'set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING to a PostgreSQL 15 server (scripts/test.sh does)',
      );
    }
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  });

  afterAll(async () => {
    if (!server) {
      return;
    }
    for (const db of [name, pristineName(name)]) {
      await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    }
    await admin.end();
  });

  // WAL_LOG: the bench's FILE_COPY takes a checkpoint, which would slow the other tests' server.
  it('restores nothing before a copy was saved, then brings back what was saved', async () => {
    expect(await restorePristineCopy(url, 'WAL_LOG')).toBe(false);
    await run(`CREATE TABLE t (v text); INSERT INTO t VALUES ('loaded')`);
    expect(await savePristineCopy(url, 'WAL_LOG')).toBe(pristineName(name));
    await run(`INSERT INTO t VALUES ('imported by a benchmark')`);
    expect(await rows()).toEqual(['imported by a benchmark', 'loaded']);
    expect(await restorePristineCopy(url, 'WAL_LOG')).toBe(true);
    expect(await rows()).toEqual(['loaded']);
    // A second save replaces the copy.
    await run(`INSERT INTO t VALUES ('reloaded')`);
    await savePristineCopy(url, 'WAL_LOG');
    await run(`DELETE FROM t`);
    await restorePristineCopy(url, 'WAL_LOG');
    expect(await rows()).toEqual(['loaded', 'reloaded']);
  });
});
