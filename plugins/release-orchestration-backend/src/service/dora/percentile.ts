/**
 * Where a percentile falls in `count` sorted values, with linear interpolation between the two
 * nearest ranks (PostgreSQL's `percentile_cont`, as DORA's Four Keys computes medians):
 * the value is `v[lower] + fraction * (v[upper] - v[lower])`.
 */
export function percentileRanks(
  count: number,
  p: number,
): { lower: number; upper: number; fraction: number } {
  const rank = p * (count - 1);
  const lower = Math.floor(rank);
  return {
    lower,
    upper: Math.min(lower + 1, count - 1),
    fraction: rank - lower,
  };
}

/** Interpolates between the two values at the ranks {@link percentileRanks} names. */
export function interpolate(
  lowerValue: number,
  upperValue: number,
  fraction: number,
): number {
  return fraction === 0
    ? lowerValue
    : lowerValue + fraction * (upperValue - lowerValue);
}

/** The `p` percentile (0..1) of ascending values, or undefined when there are none. */
export function percentileOfSorted(
  sorted: ArrayLike<number>,
  p: number,
): number | undefined {
  if (sorted.length === 0) {
    return undefined;
  }
  const { lower, upper, fraction } = percentileRanks(sorted.length, p);
  return interpolate(sorted[lower], sorted[upper], fraction);
}

/**
 * The `ps` percentiles (0..1) of values in any order, the same as {@link percentileOfSorted} of
 * them sorted, without sorting: each needed rank is selected in linear expected time. Reorders
 * `values` in place.
 */
export function percentilesOfUnsorted(
  values: Float64Array,
  ps: number[],
): Array<number | undefined> {
  if (values.length === 0) {
    return ps.map(() => undefined);
  }
  const ranks = ps.map(p => percentileRanks(values.length, p));
  // Select ascending ranks: after selecting k, every value at or after k is >= values[k].
  const needed = [...new Set(ranks.flatMap(r => [r.lower, r.upper]))].sort(
    (a, b) => a - b,
  );
  const at = new Map<number, number>();
  let from = 0;
  for (const k of needed) {
    at.set(k, selectRank(values, k, from));
    from = k;
  }
  return ranks.map(r =>
    interpolate(at.get(r.lower)!, at.get(r.upper)!, r.fraction),
  );
}

/** The middle one of three numbers. */
function medianOfThree(x: number, y: number, z: number): number {
  return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
}

/**
 * Moves the value of rank `k` (0-based, ascending) of `a[from..]` to `a[k]`, smaller or equal
 * values before it and greater or equal after (Hoare's FIND, with a median-of-three pivot).
 */
function selectRank(a: Float64Array, k: number, from: number): number {
  let left = from;
  let right = a.length - 1;
  while (left < right) {
    const pivot = medianOfThree(a[left], a[k], a[right]);
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (pivot < a[j]) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (j < k) left = i;
    if (k < i) right = j;
  }
  return a[k];
}

/** The median of values in any order. */
export function median(values: number[]): number | undefined {
  return percentileOfSorted(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/**
 * Exact percentiles from a histogram of values in ordered buckets: the histogram says which
 * bucket each needed rank falls in, and only those buckets' values are read.
 *
 * @param histogram - values per bucket; a higher bucket holds only higher values
 * @param valuesInBucket - the values of one bucket, in any order
 */
export async function percentilesFromHistogram(
  histogram: Map<number, number>,
  ps: number[],
  valuesInBucket: (bucket: number) => Promise<number[]>,
): Promise<{ count: number; values: Array<number | undefined> }> {
  return percentilesFromBucketSlices(
    histogram,
    ps,
    async (bucket, from, to) => {
      const values = (await valuesInBucket(bucket)).sort((a, b) => a - b);
      return { total: values.length, values: values.slice(from, to + 1) };
    },
  );
}

/**
 * The values at some positions of one bucket's values in ascending order: `values` holds the
 * ones at positions `from` to `to` (inclusive; fewer when the bucket holds fewer), `total` how
 * many the bucket holds, where the reader counted them.
 */
export interface BucketSlice {
  values: number[];
  total?: number;
}

/**
 * {@link percentilesFromHistogram} reading only the values at the needed ranks of each bucket a
 * percentile falls in (one read per such bucket, e.g. `ORDER BY value OFFSET from LIMIT n` in the
 * database), instead of every value of the bucket. Same answer.
 *
 * @param sliceOfBucket - the bucket's values at ascending positions `from`..`to`, and its size
 */
export async function percentilesFromBucketSlices(
  histogram: Map<number, number>,
  ps: number[],
  sliceOfBucket: (
    bucket: number,
    from: number,
    to: number,
  ) => Promise<BucketSlice>,
): Promise<{ count: number; values: Array<number | undefined> }> {
  const buckets = [...histogram.entries()]
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0] - b[0]);
  const count = buckets.reduce((sum, [, n]) => sum + n, 0);
  if (count === 0) {
    return { count, values: ps.map(() => undefined) };
  }
  /** The bucket a rank falls in, its size and the rank within it. */
  const locate = (rank: number) => {
    let before = 0;
    for (const [bucket, n] of buckets) {
      if (rank < before + n) {
        return { bucket, n, at: rank - before };
      }
      before += n;
    }
    throw new Error(`rank ${rank} is beyond ${count} values`);
  };
  // Every rank the percentiles interpolate between (the upper one only where it is used).
  const ranks = ps.map(p => percentileRanks(count, p));
  const needed = new Map<number, { n: number; from: number; to: number }>();
  for (const { lower, upper, fraction } of ranks) {
    for (const rank of fraction === 0 ? [lower] : [lower, upper]) {
      const { bucket, n, at } = locate(rank);
      const span = needed.get(bucket);
      needed.set(
        bucket,
        span
          ? { n, from: Math.min(span.from, at), to: Math.max(span.to, at) }
          : { n, from: at, to: at },
      );
    }
  }
  const slices = new Map(
    await Promise.all(
      [...needed].map(
        async ([bucket, span]) =>
          [
            bucket,
            { span, slice: await sliceOfBucket(bucket, span.from, span.to) },
          ] as const,
      ),
    ),
  );
  const valueAt = (rank: number) => {
    const { bucket, n, at } = locate(rank);
    const { span, slice } = slices.get(bucket)!;
    if (
      (slice.total ?? n) !== n ||
      slice.values.length !== span.to - span.from + 1
    ) {
      throw new Error(
        `lead-time bucket ${bucket} holds ${
          slice.total ?? `fewer than ${span.to + 1}`
        } values, its histogram says ${n}`,
      );
    }
    return slice.values[at - span.from];
  };
  return {
    count,
    values: ranks.map(({ lower, upper, fraction }) =>
      fraction === 0
        ? valueAt(lower)
        : interpolate(valueAt(lower), valueAt(upper), fraction),
    ),
  };
}
