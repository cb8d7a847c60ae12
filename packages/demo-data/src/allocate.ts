/**
 * Splits `total` into integers proportional to `weights` (largest remainder method), each at
 * least `minimum`; the parts always add up to `total` when `total >= minimum * weights.length`.
 */
export function allocate(
  total: number,
  weights: number[],
  minimum = 0,
): number[] {
  const n = weights.length;
  if (n === 0) {
    return [];
  }
  const spare = Math.max(0, total - minimum * n);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map(w => (sum > 0 ? (w / sum) * spare : spare / n));
  const parts = exact.map(x => Math.floor(x));
  let left = spare - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, remainder: x - Math.floor(x) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) {
      break;
    }
    parts[i] += 1;
    left -= 1;
  }
  return parts.map(p => p + minimum);
}
