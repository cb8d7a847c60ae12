import {
  BenchResults,
  DatabaseRun,
  evaluateTargets,
  renderMarkdown,
  renderSummaryTable,
} from './report';

const latency = (p95: number) => ({
  n: 100,
  min: 1,
  mean: p95 / 2,
  p50: p95 / 2,
  p95,
  p99: p95 * 1.2,
  max: p95 * 2,
});

function run(overrides: Partial<DatabaseRun> = {}): DatabaseRun {
  const base: DatabaseRun = {
    database: 'postgres',
    version: '15.20',
    data: {
      scale: 1,
      seed: 1,
      rows: 18_000_000,
      counts: {},
      loadSeconds: 600,
      rollups: 'generate',
    },
    subjects: { system: 'system:default/sys-0001' },
    latencies: [
      {
        id: 'dora-org',
        title: 'DORA org-wide, 90 days',
        path: 'engine',
        latency: latency(250),
        answer: '1000 Systems',
      },
      {
        id: 'dora-team',
        title: 'DORA one team',
        path: 'engine',
        latency: latency(60),
      },
      {
        id: 'dora-system',
        title: 'DORA one System',
        path: 'engine',
        latency: latency(20),
      },
      {
        id: 'environments',
        title: 'GET /systems/{ns}/{name}/environments',
        path: 'engine',
        latency: latency(80),
      },
      {
        id: 'environments',
        title: 'GET /systems/{ns}/{name}/environments',
        path: 'http',
        latency: latency(45),
      },
    ],
    ingest: [
      {
        route: 'POST /deployments',
        connections: 8,
        seconds: 30,
        requests: 30_000,
        ok: 30_000,
        non2xx: 0,
        errors: 0,
        reportsPerSecond: 1000,
        latencyMs: { p50: 7, p90: 9, p99: 20, max: 90 },
        memory: {
          samples: 120,
          rssMeanMiB: 400,
          rssPeakMiB: 512.4,
          heapUsedMeanMiB: 150,
          heapUsedPeakMiB: 210,
          heapTotalPeakMiB: 260,
        },
        backendCpuSeconds: 25,
        backendCpuMsPerReport: 0.83,
        cpu: {
          machineCores: 2,
          busyCores: 1.9,
          backendCores: 0.83,
          postgresCores: 0.6,
          loadToolCores: 0.45,
        },
        statusCodes: { 201: 30_000 },
      },
      {
        route: 'POST /builds',
        connections: 8,
        seconds: 30,
        requests: 3000,
        ok: 2999,
        non2xx: 1,
        errors: 0,
        reportsPerSecond: 1500,
        latencyMs: { p50: 5, p90: 6, p99: 12, max: 50 },
        backendCpuSeconds: 20,
        backendCpuMsPerReport: 6.67,
        statusCodes: { 201: 2999, 500: 1 },
      },
    ],
    targets: [],
    wallSeconds: 900,
    ...overrides,
  };
  return { ...base, targets: evaluateTargets(base) };
}

describe('evaluateTargets', () => {
  it("judges every row of issue 16's table: DORA on the engine p95, environments over HTTP, ingest per route", () => {
    const targets = evaluateTargets(run());
    expect(
      targets
        .filter(t => t.status !== 'not run')
        .map(t => [t.id, t.value, t.status]),
    ).toEqual([
      ['dora-org/engine', 250, 'fail'],
      ['dora-team/engine', 60, 'fail'],
      ['dora-system/engine', 20, 'fail'],
      ['environments/http', 45, 'fail'],
      // Fast enough, but a request failed: not a pass.
      ['ingest POST /builds', 1500, 'fail'],
      ['ingest POST /deployments', 1000, 'pass'],
      ['memory', 512.4, 'reported'],
    ]);
    expect(targets.find(t => t.id === 'ingest POST /builds')?.detail).toBe(
      '1 non-2xx, 0 errors',
    );
  });

  it('says "not run" with the command that measures a row, never a number', () => {
    const targets = evaluateTargets({
      database: 'postgres',
      latencies: [],
      ingest: [],
      parts: ['engine'],
    });
    expect(targets).toHaveLength(17);
    for (const t of targets) {
      expect(t.status).toBe('not run');
      expect(t.value).toBeUndefined();
      expect(t.pass).toBe(false);
    }
    expect(targets.find(t => t.id === 'page dora-org')).toMatchObject({
      limit: '<= 2,000 ms',
      detail:
        'part not run; measure with `npm run bench -- --db postgres --only pages`',
    });
    expect(targets.find(t => t.id === 'dora-teams/engine')?.detail).toBe(
      'measured nothing: see the log; measure with `npm run bench -- --db postgres --only engine --scenarios dora-teams`',
    );
    expect(
      evaluateTargets({ database: 'sqlite', latencies: [], ingest: [] }).find(
        t => t.id === 'page release',
      )?.detail,
    ).toMatch(/^PostgreSQL only; /);
  });

  it('judges the fixed rate, the bulk import, audit verify and the pages', () => {
    const targets = evaluateTargets({
      latencies: [],
      ingest: [],
      rate: {
        route: 'POST /builds and POST /deployments, alternating',
        rate: 100,
        achievedRate: 99.8,
        seconds: 30,
        ok: 2994,
        non2xx: 0,
        errors: 0,
        latencyMs: { p50: 9, p90: 20, p99: 48, max: 120 },
      },
      bulkImport: {
        records: 20000,
        requests: 2,
        perRequest: 10000,
        seconds: 5,
        recordsPerSecond: 4000,
        rejected: 0,
        outcomes: { created: 20000 },
        backendCpuSeconds: 4,
      },
      audit: {
        chainEvents: 1_000_000,
        newEvents: 1000,
        checkpointSequence: 1_000_000,
        checkpointSeconds: 0.1,
        latency: latency(150),
        checkedEvents: 1000,
        valid: false,
      },
      pages: [
        {
          id: 'dora-org',
          title: 'Org DORA page',
          url: '/release-orchestration/dora',
          ms: 1900,
          visits: [2100, 1900, 1800],
          bytes: 4096,
          requests: 30,
          slowest: { url: '/api/release-orchestration/dora/teams', ms: 400 },
        },
        {
          id: 'release',
          title: 'Release page',
          url: '/catalog/default/system/s/releases/1',
          ms: NaN,
          visits: [],
          bytes: 0,
          requests: 0,
          slowest: { url: '', ms: 0 },
          error: 'Timeout 60000ms exceeded.',
        },
      ],
    });
    const byId = new Map(targets.map(t => [t.id, t]));
    expect(byId.get('rate')).toMatchObject({ value: 48, status: 'pass' });
    expect(byId.get('import')).toMatchObject({ value: 4000, status: 'fail' });
    // Fast, but the chain did not verify.
    expect(byId.get('audit-verify')).toMatchObject({
      value: 150,
      status: 'fail',
      detail:
        'chain of 1,000,000 events, 1,000 checked per request, chain INVALID',
    });
    expect(byId.get('page dora-org')).toMatchObject({
      value: 1900,
      status: 'pass',
      detail:
        '30 requests, 4 KiB; slowest 400 ms /api/release-orchestration/dora/teams',
    });
    expect(byId.get('page release')).toMatchObject({
      status: 'fail',
      detail: 'Timeout 60000ms exceeded.',
    });
    expect(byId.get('page approvals')?.status).toBe('not run');
  });
});

describe('renderMarkdown', () => {
  const results: BenchResults = {
    generatedAt: '2026-11-23T12:00:00.000Z',
    machine: { cpus: 2, memory: '24 GiB' },
    commands: ['npm run bench:data', 'npm run bench'],
    runs: [run()],
    notes: ['Four Keys counts a commit once per deployment.'],
    wallSeconds: 1234,
  };

  it('writes the targets, the latency and ingest tables, notes and commands', () => {
    const md = renderMarkdown(results);
    expect(md).toContain(
      '| postgres (1) | DORA one team, 90 days — p95 warm (engine) | 60.0 ms | <= 20 ms | **FAIL** |  |',
    );
    expect(md).toContain(
      '| DORA org-wide, 90 days | engine | 125.0 | 250.0 | 300.0 | 100 | <= 100 ms | **FAIL** |',
    );
    // The environments target is judged on HTTP: only that row carries it.
    expect(md).toContain(
      '| GET /systems/{ns}/{name}/environments | engine | 40.0 | 80.0 | 96.0 | 100 |  |  |',
    );
    expect(md).toContain(
      '| GET /systems/{ns}/{name}/environments | http | 22.5 | 45.0 | 54.0 | 100 | <= 30 ms | **FAIL** |',
    );
    expect(md).toContain(
      '| POST /deployments | 1,000.0 | 7 | 20 | 30000 | 0 | 0 | – → 400 / 512 | 210 | 25.0 (0.83) | 1.90 of 2 / 0.83 / 0.60 / 0.45 | >= 500 reports/s | pass |',
    );
    expect(md).toContain('- DORA org-wide, 90 days: 1000 Systems');
    expect(md).toContain('- Four Keys counts a commit once per deployment.');
    expect(md).toContain('npm run bench:data\nnpm run bench');
  });

  it('says how far the bulk import got when it stopped at its time limit', () => {
    const targets = evaluateTargets({
      latencies: [],
      ingest: [],
      bulkImport: {
        records: 3000,
        planned: 20000,
        stoppedAfterSeconds: 181,
        requests: 3,
        perRequest: 1000,
        seconds: 181,
        recordsPerSecond: 17,
        rejected: 0,
        outcomes: { created: 3000 },
        backendCpuSeconds: 40,
      },
    } as any);
    expect(targets.find(t => t.id === 'import')).toMatchObject({
      value: 17,
      status: 'fail',
      detail: 'stopped after 181 s: 3000 of 20000 records',
    });
  });

  it('writes the fixed-rate, import, audit, pages and CPU profile sections when measured', () => {
    const md = renderMarkdown({
      ...results,
      runs: [
        run({
          rate: {
            route: 'POST /builds and POST /deployments, alternating',
            rate: 100,
            achievedRate: 99.7,
            seconds: 30,
            ok: 2991,
            non2xx: 0,
            errors: 0,
            latencyMs: { p50: 8, p90: 15, p99: 41, max: 90 },
          },
          bulkImport: {
            records: 20000,
            requests: 2,
            perRequest: 10000,
            seconds: 4,
            recordsPerSecond: 5000,
            rejected: 0,
            outcomes: { created: 20000 },
            backendCpuSeconds: 3.5,
          },
          audit: {
            chainEvents: 1_000_000,
            newEvents: 1000,
            checkpointSequence: 1_000_000,
            checkpointSeconds: 0.2,
            latency: latency(40),
            checkedEvents: 1000,
            valid: true,
            full: { seconds: 61.5, checkedEvents: 1_001_000, valid: true },
          },
          pages: [
            {
              id: 'group-tab',
              title: 'Delivery performance tab of group:default/team-001',
              url: '/catalog/default/group/team-001/delivery-performance',
              ms: 900,
              visits: [1200, 900, 850],
              bytes: 2048,
              requests: 39,
              slowest: { url: '/api/release-orchestration/dora', ms: 300 },
            },
          ],
          cpuProfile: {
            file: 'bench/.data/cpu-profiles/CPU.1.cpuprofile',
            parts: ['ingest'],
            profiledSeconds: 95,
            top: [
              { frame: '(garbage collector)', selfMs: 9000, share: 0.0947 },
            ],
          },
        }),
      ],
    });
    expect(md).toContain(
      'Single reports at a fixed rate (POST /builds and POST /deployments, alternating): 100 reports/s asked, 99.7 achieved over 30 s; latency p50 8 / p90 15 / p99 41 / max 90 ms; 2991 2xx, 0 non-2xx, 0 errors.',
    );
    expect(md).toContain(
      'Bulk import (`POST /import`, NDJSON, 10,000 records a request): 20,000 records in 2 requests, 4.0 s, 5,000 records/s; backend CPU 3.5 s; outcomes created 20000.',
    );
    expect(md).toContain(
      '`GET /audit/verify` p50 20.0 / p95 40.0 / max 80.0 ms over 100 requests, each checking 1,000 events; chain holds. Full re-verification (every event and checkpoint, what verify did before checkpoints): 1,001,000 events in 61.5 s, holds.',
    );
    expect(md).toContain(
      '| Delivery performance tab of group:default/team-001 | /catalog/default/group/team-001/delivery-performance | 900 | 1,200, 900, 850 | 39 | 2 | 300 ms /api/release-orchestration/dora |',
    );
    expect(md).toContain('| (garbage collector) | 9,000 | 9.5% |');
  });

  it('summarises every row of the table, the memory under load and the rows not run', () => {
    const table = renderSummaryTable(results).split('\n');
    expect(table).toHaveLength(2 + 17);
    expect(table).toContain(
      '| postgres (1) | backend RSS under ingest — peak RSS of the backend process during the ingest loads | 512.4 MiB | reported, growth explained (docs/performance.md) | reported | POST /deployments: RSS 512 peak, heap 210 MiB |',
    );
    expect(table).toContain(
      '| postgres (1) | page: approval queue — navigation to main content visible, production build, Chromium, median of the visits | not run | <= 1,500 ms | not run | part not run; measure with `npm run bench -- --db postgres --only pages` |',
    );
  });
});
