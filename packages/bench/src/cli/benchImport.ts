/*
 * npm run bench:import -- [--db sqlite|postgres] [--records 20000] [--per-request 10000]
 *   [--streams 1] [--parallelism N (default: the plugin's, 2 on PostgreSQL)]
 *   [--postgres postgresql://postgres@127.0.0.1:5432]
 *
 * Measures the bulk import's throughput (records/s) through the plugin's ingest service into a
 * fresh database (in-memory SQLite, or a new PostgreSQL database that is dropped afterwards).
 */
import knexFactory, { Knex } from 'knex';
import { measureImport } from '../scenarios/importScenario';
import { calibrationLines } from '../measure/calibration';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main() {
  const db = flag('db', 'sqlite');
  const records = Number(flag('records', '20000'));
  const perRequest = Number(flag('per-request', '10000'));
  const streams = Number(flag('streams', '1'));
  const parallelism = flag('parallelism', '')
    ? Number(flag('parallelism', ''))
    : undefined;
  let knex: Knex;
  let drop: (() => Promise<void>) | undefined;
  if (db === 'postgres') {
    const url = flag('postgres', 'postgresql://postgres@127.0.0.1:5432');
    const name = `ro_bench_import_${Date.now()}`;
    const admin = knexFactory({ client: 'pg', connection: `${url}/postgres` });
    await admin.raw(`CREATE DATABASE ${name}`);
    knex = knexFactory({ client: 'pg', connection: `${url}/${name}` });
    drop = async () => {
      await knex.destroy();
      await admin.raw(`DROP DATABASE ${name}`);
      await admin.destroy();
    };
  } else if (db === 'sqlite') {
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
    });
    drop = () => knex.destroy();
  } else {
    throw new Error(`--db must be sqlite or postgres, got ${db}`);
  }
  // The machine's speed at fixed work, measured first: it tells runs on different machines apart.
  const calibration = await calibrationLines(
    db === 'postgres'
      ? `${flag('postgres', 'postgresql://postgres@127.0.0.1:5432')}/postgres`
      : undefined,
  );
  try {
    const result = await measureImport(knex, {
      count: records,
      perRequest,
      systems: 50,
      perSystem: 4,
      streams,
      parallelism,
    });
    process.stdout.write(
      `${JSON.stringify(
        { db, perRequest, streams, parallelism, calibration, ...result },
        null,
        2,
      )}\n`,
    );
  } finally {
    await drop?.();
  }
}

main().catch(error => {
  process.stderr.write(`bench:import failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
