import { DEFAULT_POSTGRES_URL } from '../load/connection';
import { parseBenchArgs } from './args';

describe('parseBenchArgs', () => {
  it('defaults to the full scale on PostgreSQL and 0.05 on SQLite', () => {
    expect(parseBenchArgs([])).toMatchObject({
      databases: ['postgres', 'sqlite'],
      scale: 1,
      sqliteScale: 0.05,
      seed: 1,
      postgres: DEFAULT_POSTGRES_URL,
      rollups: 'generate',
      load: false,
    });
  });

  it('reads every flag', () => {
    expect(
      parseBenchArgs([
        '--db',
        'sqlite',
        '--scale',
        '0.01',
        '--seed',
        '7',
        '--rollups',
        'sync',
        '--iterations',
        '10',
        '--load',
      ]),
    ).toMatchObject({
      databases: ['sqlite'],
      scale: 0.01,
      seed: 7,
      rollups: 'sync',
      iterations: 10,
      load: true,
    });
    expect(parseBenchArgs([]).only).toBeUndefined();
    expect(parseBenchArgs([]).scenarios).toBeUndefined();
    expect(
      parseBenchArgs(['--scenarios', 'dora-org, dora-teams']).scenarios,
    ).toEqual(['dora-org', 'dora-teams']);
    expect(() => parseBenchArgs(['--scenarios', 'dora-org;drop'])).toThrow(
      "--scenarios: must be scenario ids separated by commas (e.g. dora-org,dora-teams), got 'dora-org;drop'",
    );
    expect(parseBenchArgs(['--only', 'ingest, http']).only).toEqual([
      'ingest',
      'http',
    ]);
    expect(parseBenchArgs([])).toMatchObject({
      importRecords: 100_000,
      pageVisits: 3,
      cpuProf: false,
    });
    expect(
      parseBenchArgs([
        '--only',
        'audit,rate,import,pages',
        '--import-records',
        '5000',
        '--page-visits',
        '5',
        '--cpu-prof',
      ]),
    ).toMatchObject({
      only: ['audit', 'rate', 'import', 'pages'],
      importRecords: 5000,
      pageVisits: 5,
      cpuProf: true,
    });
    expect(() => parseBenchArgs(['--page-visits', '0'])).toThrow(
      '--page-visits',
    );
  });

  it('refuses mistakes, naming the flag', () => {
    expect(() => parseBenchArgs(['--scale', 'big'])).toThrow('--scale');
    expect(() => parseBenchArgs(['--scale', '-1'])).toThrow('--scale');
    expect(() => parseBenchArgs(['--db', 'mysql'])).toThrow('--db');
    expect(() => parseBenchArgs(['--seed', '1.5'])).toThrow('--seed');
    expect(() => parseBenchArgs(['--rollups', 'maybe'])).toThrow('--rollups');
    expect(() => parseBenchArgs(['--only', 'engine,speed'])).toThrow(
      "--only: must name parts among engine, explain, reference, http, audit, rate, ingest, import, pages, got 'engine,speed'",
    );
    expect(() => parseBenchArgs(['--frobnicate'])).toThrow();
  });
});

describe('parseBenchArgs --soak', () => {
  it('soaks 30 minutes at 20 requests/s on a scale 0.01 history by default', () => {
    expect(parseBenchArgs(['--soak']).soak).toEqual({
      durationMs: 1_800_000,
      rate: 20,
      scale: 0.01,
      heapSnapshots: false,
    });
    expect(parseBenchArgs(['--soak', '--rate', '50']).soak).toMatchObject({
      durationMs: 1_800_000,
      rate: 50,
    });
  });

  it('takes any duration and names a bad one', () => {
    expect(
      parseBenchArgs(['--soak', '2m', '--heap-snapshots']).soak,
    ).toMatchObject({ durationMs: 120_000, heapSnapshots: true });
    expect(() => parseBenchArgs(['--soak', 'soon'])).toThrow(
      "--soak: must be a duration like 30m, 2h, 1h30m or 90s, got 'soon'",
    );
    expect(() => parseBenchArgs(['--soak', '2m', '--rate', '0'])).toThrow(
      "--rate: must be a positive number, got '0'",
    );
  });

  it('is off without --soak', () => {
    expect(parseBenchArgs([]).soak).toBeUndefined();
  });

  it('reads a scale run: sorted scales, --results, --reload and --load-only', () => {
    expect(
      parseBenchArgs([
        '--scales',
        '2,0.25,1',
        '--results',
        'bench/results/scale-test.json',
        '--reload',
      ]),
    ).toMatchObject({
      scales: [0.25, 1, 2],
      results: 'bench/results/scale-test.json',
      reload: true,
      loadOnly: false,
    });
    expect(parseBenchArgs([]).scales).toBeUndefined();
    expect(() => parseBenchArgs(['--scales', '1'])).toThrow(
      '--scales: must name at least two different scales',
    );
    expect(() => parseBenchArgs(['--scales', '1,x'])).toThrow(
      "--scales: must be a positive number, got 'x'",
    );
    expect(() => parseBenchArgs(['--scales', '1,2', '--db', 'sqlite'])).toThrow(
      '--scales: runs on PostgreSQL only',
    );
    expect(() => parseBenchArgs(['--load-only'])).toThrow(
      '--reload, --load-only and --reuse-stale go with --scales',
    );
    expect(
      parseBenchArgs(['--scales', '1,2', '--reuse-stale']).reuseStale,
    ).toBe(true);
    expect(
      parseBenchArgs(['--only', 'engine', '--results', 'x.json']),
    ).toMatchObject({
      only: ['engine'],
      results: 'x.json',
    });
  });
});
