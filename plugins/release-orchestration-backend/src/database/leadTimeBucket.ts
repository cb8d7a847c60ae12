/** Width of a lead-time bucket: each holds values within 2% of each other. */
const GROWTH = Math.log(1.02);

/**
 * The logarithmic bucket of a lead time in seconds. Buckets are ordered like the values they
 * hold, which lets exact percentiles be found from a histogram plus one bucket's values.
 */
export function leadTimeBucket(seconds: number): number {
  return seconds < 1 ? 0 : 1 + Math.floor(Math.log(seconds) / GROWTH);
}
