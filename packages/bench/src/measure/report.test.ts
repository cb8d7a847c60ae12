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
  it('judges DORA on the engine p95, the environments endpoint over HTTP, ingest per route', () => {
    const targets = evaluateTargets(run());
    expect(targets.map(t => [t.id, t.value, t.pass])).toEqual([
      ['dora-org/engine', 250, true],
      ['dora-team/engine', 60, false],
      ['dora-system/engine', 20, true],
      ['environments/http', 45, true],
      ['ingest POST /deployments', 1000, true],
      // Fast enough, but a request failed: not a pass.
      ['ingest POST /builds', 1500, false],
    ]);
  });

  it('leaves out targets whose measurement was not taken', () => {
    expect(evaluateTargets({ latencies: [], ingest: [] })).toEqual([]);
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
      '| postgres (1) | DORA one team, 90 days — p95 warm (engine) | 60.0 ms | <= 50 ms | **FAIL** |',
    );
    expect(md).toContain(
      '| DORA org-wide, 90 days | engine | 125.0 | 250.0 | 300.0 | 100 | <= 300 ms | pass |',
    );
    // The environments target is judged on HTTP: only that row carries it.
    expect(md).toContain(
      '| GET /systems/{ns}/{name}/environments | engine | 40.0 | 80.0 | 96.0 | 100 |  |  |',
    );
    expect(md).toContain(
      '| GET /systems/{ns}/{name}/environments | http | 22.5 | 45.0 | 54.0 | 100 | <= 50 ms | pass |',
    );
    expect(md).toContain(
      '| POST /deployments | 1,000.0 | 7 | 20 | 30000 | 0 | 0 | – → 400 / 512 | 210 | 25.0 (0.83) | 1.90 of 2 / 0.83 / 0.60 / 0.45 | >= 1,000 reports/s | pass |',
    );
    expect(md).toContain('- DORA org-wide, 90 days: 1000 Systems');
    expect(md).toContain('- Four Keys counts a commit once per deployment.');
    expect(md).toContain('npm run bench:data\nnpm run bench');
  });

  it('summarises every target and the memory under load for the README', () => {
    const table = renderSummaryTable(results).split('\n');
    expect(table).toHaveLength(2 + 6 + 2);
    expect(table).toContain(
      '| postgres (1) | backend memory under POST /deployments | RSS 512 MiB peak, heap 210 MiB | reported | – |',
    );
  });
});
