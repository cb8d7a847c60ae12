/**
 * Orders strings by UTF-16 code units, as SQLite's default collation and `Array.prototype.sort`
 * without a comparator do (not by locale): a stable order for lock ordering and listings.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}
