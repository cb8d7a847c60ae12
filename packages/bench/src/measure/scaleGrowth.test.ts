import {
  computeGrowth,
  growthExponent,
  growthSeries,
  growthSteps,
  growthVerdict,
  ScaledRun,
} from './scaleGrowth';

const latency = (p50: number, p95 = p50 * 1.5) => ({
  n: 100,
  min: p50 / 2,
  mean: p50,
  p50,
  p95,
  p99: p95,
  max: p95,
});

describe('growthExponent', () => {
  it('is log(t2/t1) / log(s2/s1) for two points and the least-squares slope for more', () => {
    expect(
      growthExponent([
        { scale: 1, value: 10 },
        { scale: 2, value: 20 },
      ]),
    ).toBeCloseTo(1, 10);
    expect(
      growthExponent([
        { scale: 0.25, value: 5 },
        { scale: 1, value: 10 },
      ]),
    ).toBeCloseTo(0.5, 10);
    // t = 3 s^0.3 exactly: the fit finds 0.3.
    expect(
      growthExponent(
        [0.25, 1, 2].map(scale => ({ scale, value: 3 * scale ** 0.3 })),
      ),
    ).toBeCloseTo(0.3, 10);
    expect(growthExponent([{ scale: 1, value: 10 }])).toBeUndefined();
    expect(
      growthExponent([
        { scale: 1, value: 0 },
        { scale: 2, value: 5 },
      ]),
    ).toBeUndefined();
  });
});

describe('growthSteps and growthVerdict', () => {
  it('calls a measurement flat when every step grows less than 1.5x', () => {
    const steps = growthSteps(
      [
        { scale: 0.25, value: 10 },
        { scale: 1, value: 14 },
        { scale: 2, value: 16 },
      ],
      'ms',
    );
    expect(steps.map(s => s.ratio)).toEqual([1.4, 16 / 14]);
    expect(steps[0].exponent).toBeCloseTo(Math.log(1.4) / Math.log(4), 10);
    expect(steps.every(s => s.flat)).toBe(true);
    expect(growthVerdict(steps, 0.2)).toBe('flat');
  });

  it('does not count an increase below the noise floor of 1 ms as growth, but counts pages exactly', () => {
    const ms = growthSteps(
      [
        { scale: 1, value: 0.4 },
        { scale: 2, value: 0.9 },
      ],
      'ms',
    );
    expect(ms[0].flat).toBe(true);
    const pages = growthSteps(
      [
        { scale: 1, value: 4 },
        { scale: 2, value: 9 },
      ],
      'pages',
    );
    expect(pages[0].flat).toBe(false);
  });

  it('judges a growing measurement by its exponent', () => {
    const steps = growthSteps(
      [
        { scale: 1, value: 10 },
        { scale: 2, value: 20 },
      ],
      'ms',
    );
    expect(growthVerdict(steps, 0.5)).toBe('sub-linear');
    expect(growthVerdict(steps, 0.8)).toBe('linear');
    expect(growthVerdict(steps, 1.2)).toBe('linear');
    expect(growthVerdict(steps, 1.3)).toBe('super-linear');
    expect(growthVerdict([], undefined)).toBeUndefined();
  });
});

describe('computeGrowth', () => {
  it('sorts the points, fits p50 and p95, and sets the verdict against the expectation', () => {
    const g = computeGrowth({
      id: 'dora-org/engine',
      title: 'DORA org',
      unit: 'ms',
      expected: 'sub-linear',
      points: [
        { scale: 2, value: 160, p95: 200 },
        { scale: 0.25, value: 20, p95: 25 },
        { scale: 1, value: 80, p95: 100 },
      ],
    });
    expect(g.points.map(p => p.scale)).toEqual([0.25, 1, 2]);
    expect(g.exponent).toBeCloseTo(1, 10);
    expect(g.p95Exponent).toBeCloseTo(1, 10);
    expect(g.verdict).toBe('linear');
    expect(g.meets).toBe(false);

    const flat = computeGrowth({
      id: 'dora-system/engine',
      title: 'DORA System',
      unit: 'ms',
      expected: 'flat',
      points: [
        { scale: 1, value: 3 },
        { scale: 2, value: 3.2 },
      ],
    });
    expect(flat.verdict).toBe('flat');
    expect(flat.meets).toBe(true);
  });

  it('has no verdict for a measurement of one scale', () => {
    const g = computeGrowth({
      id: 'x',
      title: 'x',
      unit: 'ms',
      expected: 'flat',
      points: [{ scale: 1, value: 3 }],
    });
    expect(g.verdict).toBeUndefined();
    expect(g.meets).toBeUndefined();
  });
});

describe('growthSeries', () => {
  const run = (scale: number, k: number): ScaledRun => ({
    scale,
    run: {
      latencies: [
        {
          id: 'dora-org',
          title: 'DORA org-wide, 90 days',
          path: 'engine',
          latency: latency(10 * k),
        },
        {
          id: 'dora-system',
          title: 'DORA one System (system:default/sys-0003), 90 days',
          path: 'http',
          latency: latency(3),
        },
      ],
      ingest: [],
      audit: {
        chainEvents: 1000,
        newEvents: 1000,
        checkpointSequence: 1000,
        checkpointSeconds: 1,
        latency: latency(20),
        checkedEvents: 1000,
        valid: true,
        full: { seconds: 2 * k, checkedEvents: 1000 * k, valid: true },
      },
      explain: {
        files: [],
        statements: 1,
        seqScans: [],
        work: [
          {
            scenario: 'dora-org',
            statements: 3,
            buffers: 100 * k,
            executionMs: 1,
          },
        ],
      },
    },
  });

  it('makes a series of each latency, audit verify, the full verification and pages, with their expectations', () => {
    const series = growthSeries([run(2, 2), run(1, 1)]);
    expect(series.map(s => [s.id, s.unit, s.expected])).toEqual([
      ['dora-org/engine', 'ms', 'sub-linear'],
      ['dora-system/http', 'ms', 'flat'],
      ['audit-verify/http', 'ms', 'flat'],
      ['audit-full', 'ms', 'linear'],
      ['dora-org/pages', 'pages', 'sub-linear'],
    ]);
    expect(series[1].title).toBe('DORA one System, 90 days (http)');
    const org = series[0];
    expect(org.points).toEqual([
      { scale: 1, value: 10, p95: 15, n: 100 },
      { scale: 2, value: 20, p95: 30, n: 100 },
    ]);
    expect(series[3].points.map(p => p.value)).toEqual([2000, 4000]);
    const grown = series.map(computeGrowth);
    expect(grown.map(g => g.verdict)).toEqual([
      'linear',
      'flat',
      'flat',
      'linear',
      'linear',
    ]);
    expect(grown.map(g => g.meets)).toEqual([false, true, true, true, false]);
  });

  it('turns ingest and import throughput into time per report, so growth means slower', () => {
    const series = growthSeries([
      {
        scale: 1,
        run: {
          latencies: [],
          ingest: [{ route: 'POST /builds', reportsPerSecond: 1000 } as any],
          bulkImport: { recordsPerSecond: 5000 } as any,
        },
      },
    ]);
    expect(series.map(s => [s.id, s.points[0].value, s.expected])).toEqual([
      ['ingest POST /builds', 1, 'flat'],
      ['import', 200, 'flat'],
    ]);
  });
});
