/**
 * Normalises a timestamp read from either database to an ISO 8601 string.
 * PostgreSQL returns Date objects; SQLite returns the ISO text the store wrote.
 */
export function toIso(value: Date | string | number): string {
  return value instanceof Date
    ? value.toISOString()
    : new Date(value).toISOString();
}
