import type { DatabaseRun } from './report';
import { renderScaleMarkdown, scaleGrowth, ScaleRunEntry } from './scaleReport';

const latency = (p50: number) => ({
  n: 100,
  min: p50,
  mean: p50,
  p50,
  p95: p50 * 2,
  p99: p50 * 2,
  max: p50 * 2,
});

function entry(
  scale: number,
  orgMs: number,
  auditSeconds: number,
): ScaleRunEntry {
  const run: DatabaseRun = {
    database: 'postgres',
    version: '15',
    data: {
      scale,
      seed: 1,
      rows: 17_000_000 * scale,
      counts: { deployments: 1_000_000 * scale },
      loadSeconds: 700 * scale,
      rollups: 'generate',
    },
    subjects: {
      orgSystems: 1000 * scale,
      teamSystems: 8,
      team: 'group:default/team-001',
      system: 'system:default/sys-0001',
    },
    latencies: [
      {
        // A measurement with no written explanation (dora-org has one).
        id: 'approval-queue',
        title: 'DORA org-wide',
        path: 'engine',
        latency: latency(orgMs),
      },
      {
        id: 'dora-system',
        title: 'DORA one System',
        path: 'engine',
        latency: latency(3),
      },
    ],
    ingest: [],
    audit: {
      chainEvents: 1_000_000 * scale,
      newEvents: 1000,
      checkpointSequence: 1_000_000 * scale,
      checkpointSeconds: 1,
      latency: latency(30),
      checkedEvents: 1000,
      valid: true,
      full: {
        seconds: auditSeconds,
        checkedEvents: 1_000_000 * scale,
        valid: true,
      },
    },
    explain: {
      files: [`bench/results/explain/scale-${scale}/postgres-dora-org.txt`],
      statements: 10,
      seqScans: [],
      work: [
        { scenario: 'dora-system', statements: 6, buffers: 40, executionMs: 1 },
      ],
    },
    targets: [],
    wallSeconds: 120,
  };
  return {
    scale,
    database: `ro_bench_scale_${scale}`,
    reused: scale >= 1,
    ...(scale === 2 ? { stale: true } : {}),
    loadedAt: '2026-12-06T15:00:00.000Z',
    loadSeconds: 720 * scale,
    databaseBytes: 7 * 2 ** 30 * scale,
    loadAverage: { start: '1.00 1.00 1.00', end: '1.20 1.00 1.00' },
    run,
  };
}

describe('renderScaleMarkdown', () => {
  const scales = [entry(0.25, 20, 10), entry(1, 80, 40), entry(2, 90, 80)];
  const results = {
    generatedAt: '2026-12-06T16:00:00.000Z',
    command:
      'npm run bench -- --scales 0.25,1,2 --only engine,explain,http,audit --iterations 100',
    machine: { cpus: 2 },
    parts: ['engine', 'explain', 'http', 'audit'],
    scales,
    growth: scaleGrowth(scales),
    wallSeconds: 3600,
  };
  const md = renderScaleMarkdown(results);

  it('shows each installation with its rows, size and whether it was reused', () => {
    expect(md).toContain(
      '| 0.25 | ro_bench_scale_0.25 | 4,250,000 | 250,000 | 250 (8) | group:default/team-001, system:default/sys-0001 | 1.75 GiB | loaded 2026-12-06T15:00Z in 3.0 min | 120 s | 1.00 1.00 1.00 → 1.20 1.00 1.00 |',
    );
    expect(md).toContain(
      '| 1 | ro_bench_scale_1 | 17,000,000 | 1,000,000 | 1000 (8) | group:default/team-001, system:default/sys-0001 | 7.00 GiB | reused, loaded',
    );
  });

  it('says when a database was reused although its generator changed', () => {
    expect(md).toContain(
      '| reused (--reuse-stale: generator, loader or migrations changed since), loaded 2026-12-06T15:00Z in 24.0 min |',
    );
  });

  it('gives each measurement its values per scale, ratios, exponent and computed verdict', () => {
    // 20 → 80 → 90 ms: ×4 then ×1.13; fitted exponent 0.75: sub-linear, as expected org-wide.
    expect(md).toMatch(
      /\| DORA org-wide \(engine\) \| 20\.0 \/ 80\.0 \/ 90\.0 \| 40\.0 \/ 160\.0 \/ 180\.0 \| ×4\.00 \/ ×1\.13 \| 0\.7\d \(0\.7\d\) \| sub-linear \| sub-linear \| {2}\|/,
    );
    expect(md).toContain(
      '| DORA one System (engine) | 3.0 / 3.0 / 3.0 | 6.0 / 6.0 / 6.0 | ×1.00 / ×1.00 | 0.00 (0.00) | flat | flat |  |',
    );
    expect(md).toContain('Every measurement grows as expected or better');
  });

  it('explains the linear growth it knows and flags what it does not', () => {
    expect(md).toMatch(
      /\| full re-verification of the audit chain .*\| linear \| linear \| the full re-verification reads and re-hashes every event/,
    );
    expect(md).toContain(
      'Every measurement that grows linearly or faster has an explanation.',
    );
    const worse = [entry(1, 80, 40), entry(2, 200, 80)];
    const bad = renderScaleMarkdown({
      ...results,
      scales: worse,
      growth: scaleGrowth(worse),
    });
    expect(bad).toContain('| **super-linear** | **unexplained** |');
    expect(bad).toMatch(
      /Worse than expected: approval-queue\/engine \(super-linear, exponent 1\.32\)/,
    );
    expect(bad).toContain(
      'Growing linearly or faster without an explanation (issue 16 asks for one): approval-queue/engine.',
    );
  });

  it('has the pages touched per request path, with where the plans are', () => {
    expect(md).toContain('`bench/results/explain/scale-0.25/`');
    expect(md).toContain(
      '| dora-system: shared pages touched by its 6 distinct statements (EXPLAIN ANALYZE) | 40 / 40 / 40 | ×1.00 / ×1.00 | 0.00 | flat | flat |  |',
    );
  });
});
