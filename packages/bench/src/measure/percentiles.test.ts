import { percentile, summarize, timeIt } from './percentiles';

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.95)).toBe(95);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile(values, 1)).toBe(100);
    expect(percentile([7], 0.5)).toBe(7);
    expect(percentile([1, 2, 3], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([10, 20], 0.95)).toBe(20);
  });

  it('refuses no samples and a p outside (0, 1]', () => {
    expect(() => percentile([], 0.5)).toThrow('no samples');
    expect(() => percentile([1], 0)).toThrow('(0, 1]');
    expect(() => percentile([1], 1.5)).toThrow('(0, 1]');
  });
});

describe('summarize', () => {
  it('sorts the samples and reports rounded statistics', () => {
    const samples = [5, 1, 4, 2, 3, 100, 6, 7, 8, 9];
    expect(summarize(samples)).toEqual({
      n: 10,
      min: 1,
      mean: 14.5,
      p50: 5,
      p95: 100,
      p99: 100,
      max: 100,
    });
    expect(summarize([1 / 3]).p50).toBe(0.333);
  });
});

describe('timeIt', () => {
  it('runs the warm-up uncounted, then times each iteration', async () => {
    const calls: number[] = [];
    const summary = await timeIt(
      async i => {
        calls.push(i);
        await new Promise(resolve => setTimeout(resolve, i === 0 ? 0 : 5));
      },
      { warmup: 2, iterations: 4 },
    );
    expect(calls).toEqual([0, 1, 0, 1, 2, 3]);
    expect(summary.n).toBe(4);
    expect(summary.max).toBeGreaterThanOrEqual(4);
    expect(summary.min).toBeLessThanOrEqual(summary.p50);
  });
});
