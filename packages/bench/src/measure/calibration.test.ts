import { Client } from 'pg';
import {
  calibrateNode,
  calibratePostgres,
  calibrationLines,
  describeCalibration,
} from './calibration';

jest.setTimeout(60_000);

// Never skipped: without a server it fails and says what to set. scripts/test.sh sets it.
const server = (
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ?? ''
).replace(/\/+$/, '');

describe('calibration', () => {
  it('measures the process: hashing and JSON rates', () => {
    const node = calibrateNode();
    expect(node.nodeSha256MiBPerSecond).toBeGreaterThan(0);
    expect(node.nodeJsonThousandsPerSecond).toBeGreaterThan(0);
    expect(Number.isFinite(node.nodeSha256MiBPerSecond)).toBe(true);
  });

  it('measures the server on its postgres database and leaves no table behind, on POSTGRES_15', async () => {
    expect(server).toMatch(/^postgres(ql)?:\/\//);
    const pg = await calibratePostgres(`${server}/release_orchestration_bench`);
    // What a run's machine line gets: the process's lines, and the server's when it is given.
    expect(Object.keys(await calibrationLines())).toHaveLength(2);
    expect(
      Object.keys(await calibrationLines(`${server}/postgres`)),
    ).toHaveLength(4);
    expect(pg.postgresSeriesMs).toBeGreaterThan(0);
    expect(pg.postgresCommitsPerSecond).toBeGreaterThan(0);
    const client = new Client({ connectionString: `${server}/postgres` });
    await client.connect();
    try {
      const left = await client.query(
        "select tablename from pg_tables where tablename like 'bench_calibration_%'",
      );
      expect(left.rows).toEqual([]);
    } finally {
      await client.end();
    }
    expect(
      describeCalibration({
        nodeSha256MiBPerSecond: 1300,
        nodeJsonThousandsPerSecond: 300,
        ...pg,
      }),
    ).toMatchObject({
      'calibration: node SHA-256': '1300 MiB/s',
      'calibration: node JSON round trips': '300k/s',
      'calibration: PostgreSQL single-row commits': `${pg.postgresCommitsPerSecond}/s`,
    });
  });
});
