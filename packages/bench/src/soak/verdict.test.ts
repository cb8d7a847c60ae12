import {
  latencyVerdict,
  linearFit,
  MEMORY_SLOPE_LIMIT_MIB_PER_MINUTE,
  memoryVerdict,
} from './verdict';

describe('linearFit', () => {
  it('finds the slope and intercept of points on a line', () => {
    const fit = linearFit([
      { x: 1, y: 5 },
      { x: 2, y: 7 },
      { x: 3, y: 9 },
    ]);
    expect(fit.slope).toBeCloseTo(2);
    expect(fit.intercept).toBeCloseTo(3);
  });

  it('refuses fewer than two points or one x', () => {
    expect(() => linearFit([{ x: 1, y: 1 }])).toThrow('at least two points');
    expect(() =>
      linearFit([
        { x: 1, y: 1 },
        { x: 1, y: 2 },
      ]),
    ).toThrow('two different x');
  });
});

describe('memoryVerdict', () => {
  const minutes = (f: (m: number) => number, n = 30) =>
    Array.from({ length: n }, (_, i) => ({ minute: i + 1, mib: f(i + 1) }));

  it('calls a series that levels off after warm-up flat, whatever the warm-up did', () => {
    // Rises 20 MiB a minute for the first 6 minutes (warm-up of a 30-minute run), then +-3 MiB of noise.
    const v = memoryVerdict(
      minutes(m => (m <= 6 ? 400 + 20 * m : 520 + (m % 2 ? 3 : -3))),
      30,
    );
    expect(v.verdict).toBe('flat');
    expect(v.points).toBe(24);
    expect(v.fromMinute).toBe(6);
    expect(Math.abs(v.slopeMiBPerMinute!)).toBeLessThan(0.1);
  });

  it('calls a steady climb growing', () => {
    const v = memoryVerdict(
      minutes(m => 400 + 1.5 * m),
      30,
    );
    expect(v.verdict).toBe('growing');
    expect(v.slopeMiBPerMinute).toBeCloseTo(1.5);
  });

  it('puts the limit between a slope just under and just over it', () => {
    const under = memoryVerdict(
      minutes(m => 400 + (MEMORY_SLOPE_LIMIT_MIB_PER_MINUTE - 0.05) * m),
      30,
    );
    const over = memoryVerdict(
      minutes(m => 400 + (MEMORY_SLOPE_LIMIT_MIB_PER_MINUTE + 0.05) * m),
      30,
    );
    expect(under.verdict).toBe('flat');
    expect(over.verdict).toBe('growing');
  });

  it('does not judge a run with too few readings after warm-up', () => {
    expect(
      memoryVerdict(
        minutes(m => 400 + 100 * m, 2),
        2,
      ),
    ).toMatchObject({ verdict: 'n/a', points: 2 });
  });
});

describe('latencyVerdict', () => {
  const start = 1_000_000;
  const duration = 30 * 60_000;
  // One request a second; `ms(offset)` its latency.
  const run = (ms: (offset: number) => number) =>
    Array.from({ length: duration / 1000 }, (_, i) => ({
      at: start + i * 1000,
      ms: ms(i * 1000),
    }));

  it('calls steady latency flat and reports the median minute p99 of both thirds', () => {
    // Every 20th request of a minute takes 40 ms: each minute's p99 is 40.
    const v = latencyVerdict(
      run(o => 10 + ((o / 1000) % 20 === 0 ? 30 : 0)),
      start,
      duration,
    );
    expect(v).toEqual({
      verdict: 'flat',
      middleP99Ms: 40,
      lastP99Ms: 40,
      limitMs: 55,
      middleMinutes: 10,
      lastMinutes: 10,
      middleSamples: 600,
      lastSamples: 600,
    });
  });

  it('calls latency that climbs through the last third growing', () => {
    const v = latencyVerdict(
      run(o => (o < (2 * duration) / 3 ? 10 : 10 + o / 60_000)),
      start,
      duration,
    );
    expect(v.verdict).toBe('growing');
    expect(v.lastP99Ms).toBeGreaterThan(v.limitMs!);
  });

  it('is not decided by a stall of a minute or two (other work on the machine)', () => {
    // Minutes 24 and 27 are 50 times slower; the other eight minutes of the last third are not.
    const stalled = (o: number) =>
      Math.floor(o / 60_000) === 24 || Math.floor(o / 60_000) === 27;
    expect(
      latencyVerdict(
        run(o => (stalled(o) ? 500 : 10)),
        start,
        duration,
      ).verdict,
    ).toBe('flat');
  });

  it('ignores the first third (warm-up) entirely', () => {
    expect(
      latencyVerdict(
        run(o => (o < duration / 3 ? 500 : 10)),
        start,
        duration,
      ).verdict,
    ).toBe('flat');
  });

  it('does not judge a series with too few minutes of requests', () => {
    expect(
      latencyVerdict([{ at: start + duration - 1, ms: 5 }], start, duration),
    ).toMatchObject({ verdict: 'n/a', lastMinutes: 0 });
    expect(
      latencyVerdict(
        run(() => 10),
        start,
        4 * 60_000,
      ),
    ).toMatchObject({ verdict: 'n/a', middleMinutes: 1 });
  });
});
