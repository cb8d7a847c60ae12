/** A waiting time as "45 min", "5 h" or "3 d": compact, for a table column. */
export function formatAge(seconds: number): string {
  if (seconds < 3600) {
    return `${Math.max(0, Math.floor(seconds / 60))} min`;
  }
  if (seconds < 2 * 86400) {
    return `${Math.floor(seconds / 3600)} h`;
  }
  return `${Math.floor(seconds / 86400)} d`;
}
