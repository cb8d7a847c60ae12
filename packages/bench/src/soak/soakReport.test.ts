import { checkExactlyOnce } from './exactlyOnce';
import {
  existingSoakSection,
  latencyChart,
  memoryChart,
  renderSoakMarkdown,
  soakSection,
} from './soakReport';
import { SoakResults } from './soakResults';
import { memoryVerdict } from './verdict';

function results(pass: boolean): SoakResults {
  const minutes = Array.from({ length: 10 }, (_, i) => ({
    minute: i + 1,
    at: new Date(Date.UTC(2026, 11, 6, 9, 36 + i)).toISOString(),
    loadAverage: 3.1,
    replicas: [0, 1].map(r => ({
      rssMiB: 300 + r * 10 + (pass ? 0 : 5 * i),
      heapUsedMiB: 150 + r * 5,
      heapUsedMinMiB: 120,
      heapTotalMiB: 200,
      externalMiB: 20,
      loopDelayP99Ms: 12.5,
      loopDelayMaxMs: 40,
      dbConnections: { total: 4, active: 1 },
      cpuPercent: 20,
      requests: 1500,
      errors: 0,
      writeP99Ms: 30 + r,
      readP99Ms: 45 + r,
      routes: { 'POST /builds': { n: 360, p50: 8, p99: 30, errors: 0 } },
    })),
  }));
  const rss = memoryVerdict(
    minutes.map(m => ({ minute: m.minute, mib: m.replicas[0].rssMiB })),
    10,
  );
  return {
    generatedAt: '2026-12-06T10:07:00.000Z',
    command: 'npm run bench -- --soak 10m --rate 50 --soak-scale 0.01',
    durationMs: 600_000,
    rate: 50,
    run: 'abc',
    machine: {
      cpus: 2,
      'load average at start (1, 5, 15 min)': '3.00 3.00 3.00',
    },
    installation: {
      database: 'PostgreSQL, release_orchestration_soak',
      scale: 0.01,
      rows: 1000,
      counts: { builds: 600, deployments: 400 },
    },
    replicas: [
      {
        name: 'soak-replica-1',
        baseUrl: 'http://127.0.0.1:7360/api/release-orchestration',
        startSeconds: 9,
      },
      {
        name: 'soak-replica-2',
        baseUrl: 'http://127.0.0.1:7361/api/release-orchestration',
        startSeconds: 6,
      },
    ],
    minutes,
    totals: {
      requests: 30000,
      attempts: 30000,
      errors: 0,
      failed: 0,
      retries: 0,
      dropped: 0,
      statusCodes: { '200': 20000, '201': 10000 },
      failures: [],
    },
    routes: [
      {
        route: 'POST /builds',
        replica: 1,
        stats: { n: 3600, p50: 8, p99: 30, errors: 0 },
        verdict: {
          verdict: 'flat',
          middleP99Ms: 30,
          lastP99Ms: 31,
          limitMs: 42.5,
          middleMinutes: 3,
          middleSamples: 1200,
          lastMinutes: 3,
          lastSamples: 1200,
        },
      },
    ],
    latency: [
      {
        replica: 1,
        kind: 'writes',
        stats: { n: 7200, p50: 9, p99: 35, errors: 0 },
        verdict: {
          verdict: 'flat',
          middleP99Ms: 33,
          lastP99Ms: 35,
          limitMs: 46.3,
          middleMinutes: 3,
          middleSamples: 2400,
          lastMinutes: 3,
          lastSamples: 2400,
        },
      },
    ],
    memory: [0, 1].map(r => ({ replica: r + 1, rss, heapUsed: rss })),
    exactlyOnce: [
      {
        kind: 'build',
        rows: checkExactlyOnce(['a'], new Map([['a', 1]])),
        auditEvents: checkExactlyOnce(['a'], new Map([['a', 1]])),
      },
    ],
    audit: { valid: true, checkedEvents: 12345, breakCount: 0, seconds: 1.5 },
    heapSnapshots: [],
    pass,
    problems: pass ? [] : ['replica 1 RSS: growing (5 MiB/min)'],
  };
}

describe('soak report', () => {
  it('states the verdict, the command, the charts and a row per minute', () => {
    const md = renderSoakMarkdown(results(true), {
      memory: 'm.svg',
      latency: 'l.svg',
    });
    expect(md).toContain(
      '# Soak 2026-12-06: 10 minutes, 50 requests/s, 2 replicas on one PostgreSQL',
    );
    expect(md).toContain('**PASS**');
    expect(md).toContain(
      '`npm run bench -- --soak 10m --rate 50 --soak-scale 0.01`',
    );
    expect(md).toContain('![Memory per replica](m.svg)');
    expect(md).toContain(
      '| POST /builds | 1 | 3600 | 8 | 30 | 0 | 30 | 31 | 42.5 | flat |',
    );
    expect(md).toContain('| build | 1 | 0 | 1 | 0 | 0 | 0 | 1 | 0 | 0 |');
    expect(md).toContain(
      '| 1 | writes | 7200 | 9 | 35 | 0 | 33 | 35 | 46.3 | flat |',
    );
    expect(md).toContain('valid, 12,345 events checked, 0 breaks');
    expect(
      md.split('\n').filter(l => /^\| \d+ \| 3\.1 \|/.test(l)),
    ).toHaveLength(10);
  });

  it('lists the problems of a failed soak', () => {
    const md = renderSoakMarkdown(results(false), {
      memory: 'm.svg',
      latency: 'l.svg',
    });
    expect(md).toContain('**FAIL**:\n- replica 1 RSS: growing (5 MiB/min)');
  });

  it('draws a line per replica and series in each chart', () => {
    expect(memoryChart(results(true)).match(/<polyline /g)).toHaveLength(4);
    expect(latencyChart(results(true))).toContain('replica 2 reads (GET)');
  });

  it('keeps its section of latest.md findable for the next bench run', () => {
    const section = soakSection(results(true), 'soak-2026-12-06-10m.md');
    expect(existingSoakSection(`# Bench\n\ntext\n\n${section}`)).toBe(section);
    expect(existingSoakSection('# Bench\n')).toBeUndefined();
  });
});
