import { createHash } from 'node:crypto';
import { withServer } from '../load/connection';
import { percentile } from './percentiles';

/**
 * How fast this machine is at fixed work that does not depend on the project's code: the same
 * commit measured on two machines of the same kind differed by 2.1-2.5 times (the import into an
 * empty PostgreSQL, 4,958-5,342 records/s on 6 December and 2,124-2,386 on 7 December), so every
 * run records these beside its figures, and runs are compared by them first.
 */
export interface Calibration {
  /** SHA-256 over 128 MiB in this process, MiB per second (median of 3). */
  nodeSha256MiBPerSecond: number;
  /** JSON.stringify and JSON.parse of 100,000 small objects, thousands per second (median of 3). */
  nodeJsonThousandsPerSecond: number;
  /** `select sum(i) from generate_series(1, 3000000)` on the server, ms (median of 3). */
  postgresSeriesMs?: number;
  /** Single-row INSERTs each committed on its own (a WAL flush each), per second, 300 of them. */
  postgresCommitsPerSecond?: number;
}

function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

function seconds(work: () => void): number {
  const from = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - from) / 1e9;
}

/** The process's part of {@link Calibration}. */
export function calibrateNode(): Pick<
  Calibration,
  'nodeSha256MiBPerSecond' | 'nodeJsonThousandsPerSecond'
> {
  const mebibyte = Buffer.alloc(2 ** 20, 7);
  const sha = median(
    [0, 1, 2].map(() =>
      seconds(() => {
        const hash = createHash('sha256');
        for (let i = 0; i < 128; i++) hash.update(mebibyte);
        hash.digest();
      }),
    ),
  );
  const objects = Array.from({ length: 100_000 }, (_, i) => ({
    id: i,
    name: `component-${i}`,
    tags: ['a', 'b', 'c'],
    at: new Date(i * 1000).toISOString(),
  }));
  const json = median(
    [0, 1, 2].map(() =>
      seconds(() => {
        for (const o of objects) JSON.parse(JSON.stringify(o));
      }),
    ),
  );
  return {
    nodeSha256MiBPerSecond: Math.round(128 / sha),
    nodeJsonThousandsPerSecond: Math.round(100 / json),
  };
}

/**
 * The server's part of {@link Calibration}, on its `postgres` database (a table of its own,
 * dropped afterwards), so that it reads nothing of the installation.
 */
export async function calibratePostgres(
  url: string,
): Promise<Pick<Calibration, 'postgresSeriesMs' | 'postgresCommitsPerSecond'>> {
  return withServer(url, async client => {
    const series: number[] = [];
    for (let i = 0; i < 3; i++) {
      const from = process.hrtime.bigint();
      await client.query('select sum(i) from generate_series(1, 3000000) i');
      series.push(Number(process.hrtime.bigint() - from) / 1e6);
    }
    const table = `bench_calibration_${process.pid}`;
    await client.query(`create table ${table} (n integer)`);
    try {
      const from = process.hrtime.bigint();
      for (let n = 0; n < 300; n++) {
        await client.query(`insert into ${table} (n) values ($1)`, [n]);
      }
      const elapsed = Number(process.hrtime.bigint() - from) / 1e9;
      return {
        postgresSeriesMs: Math.round(median(series)),
        postgresCommitsPerSecond: Math.round(300 / elapsed),
      };
    } finally {
      await client.query(`drop table ${table}`);
    }
  });
}

/** The calibration as lines of the results' machine description. */
export function describeCalibration(c: Calibration): Record<string, string> {
  return {
    'calibration: node SHA-256': `${c.nodeSha256MiBPerSecond} MiB/s`,
    'calibration: node JSON round trips': `${c.nodeJsonThousandsPerSecond}k/s`,
    ...(c.postgresSeriesMs !== undefined
      ? {
          'calibration: PostgreSQL sum over generate_series(1, 3e6)': `${c.postgresSeriesMs} ms`,
          'calibration: PostgreSQL single-row commits': `${c.postgresCommitsPerSecond}/s`,
        }
      : {}),
  };
}

/**
 * The whole calibration as lines of a machine description: the process's part, and the server's
 * when `postgres` (a URL of the server) is given.
 */
export async function calibrationLines(
  postgres?: string,
): Promise<Record<string, string>> {
  return describeCalibration({
    ...calibrateNode(),
    ...(postgres ? await calibratePostgres(postgres) : {}),
  });
}
