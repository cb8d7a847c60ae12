import { median, percentileOfSorted, percentilesFromHistogram } from './percentile';

describe('percentiles', () => {
  it('interpolates between the nearest ranks like percentile_cont', () => {
    expect(percentileOfSorted([], 0.5)).toBeUndefined();
    expect(percentileOfSorted([7], 0.9)).toBe(7);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    // p90 of 1..5: rank 0.9 * 4 = 3.6, between 4 and 5
    expect(percentileOfSorted([1, 2, 3, 4, 5], 0.9)).toBeCloseTo(4.6, 10);
    expect(percentileOfSorted([10, 20], 0.9)).toBe(19);
  });

  it('gives the same exact answer from a histogram, reading only the buckets it needs', async () => {
    const values = [5, 1, 9, 14, 22, 23, 23, 40, 41, 100, 7];
    const bucketOf = (v: number) => Math.floor(Math.log2(v + 1));
    const histogram = new Map<number, number>();
    for (const v of values) {
      histogram.set(bucketOf(v), (histogram.get(bucketOf(v)) ?? 0) + 1);
    }
    const read: number[] = [];
    const result = await percentilesFromHistogram(histogram, [0.5, 0.9], async bucket => {
      read.push(bucket);
      return values.filter(v => bucketOf(v) === bucket);
    });
    const sorted = [...values].sort((a, b) => a - b);
    expect(result).toEqual({
      count: 11,
      values: [percentileOfSorted(sorted, 0.5), percentileOfSorted(sorted, 0.9)],
    });
    expect(result.values).toEqual([22, 41]);
    expect(read.sort()).toEqual([4, 5]);
    expect(await percentilesFromHistogram(new Map(), [0.5], async () => [])).toEqual({ count: 0, values: [undefined] });
  });
});
