import {
  median,
  percentileOfSorted,
  percentilesFromHistogram,
  percentilesOfUnsorted,
} from './percentile';

describe('percentiles', () => {
  it('interpolates between the nearest ranks like percentile_cont', () => {
    expect(percentileOfSorted([], 0.5)).toBeUndefined();
    expect(percentileOfSorted([7], 0.9)).toBe(7);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    // p90 of 1..5: rank 0.9 * 4 = 3.6, between 4 and 5
    expect(percentileOfSorted([1, 2, 3, 4, 5], 0.9)).toBeCloseTo(4.6, 10);
    expect(percentileOfSorted([10, 20], 0.9)).toBe(19);
  });

  it('selects the same percentiles from unsorted values as sorting them gives', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const ps = [0.5, 0.9, 0, 1, 0.25, 0.99];
    for (const length of [1, 2, 3, 4, 5, 10, 11, 100, 1001]) {
      // Few distinct values (many duplicates), many distinct values, ascending and descending.
      const inputs = [
        Array.from({ length }, () => Math.floor(random() * 4)),
        Array.from({ length }, () => Math.floor(random() * 1e6)),
        Array.from({ length }, (_, i) => i),
        Array.from({ length }, (_, i) => length - i),
      ];
      for (const values of inputs) {
        const sorted = [...values].sort((a, b) => a - b);
        expect(percentilesOfUnsorted(Float64Array.from(values), ps)).toEqual(
          ps.map(p => percentileOfSorted(sorted, p)),
        );
      }
    }
    expect(percentilesOfUnsorted(new Float64Array(0), [0.5, 0.9])).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('gives the same exact answer from a histogram, reading only the buckets it needs', async () => {
    const values = [5, 1, 9, 14, 22, 23, 23, 40, 41, 100, 7];
    const bucketOf = (v: number) => Math.floor(Math.log2(v + 1));
    const histogram = new Map<number, number>();
    for (const v of values) {
      histogram.set(bucketOf(v), (histogram.get(bucketOf(v)) ?? 0) + 1);
    }
    const read: number[] = [];
    const result = await percentilesFromHistogram(
      histogram,
      [0.5, 0.9],
      async bucket => {
        read.push(bucket);
        return values.filter(v => bucketOf(v) === bucket);
      },
    );
    const sorted = [...values].sort((a, b) => a - b);
    expect(result).toEqual({
      count: 11,
      values: [
        percentileOfSorted(sorted, 0.5),
        percentileOfSorted(sorted, 0.9),
      ],
    });
    expect(result.values).toEqual([22, 41]);
    expect(read.sort()).toEqual([4, 5]);
    expect(
      await percentilesFromHistogram(new Map(), [0.5], async () => []),
    ).toEqual({ count: 0, values: [undefined] });
  });
});
