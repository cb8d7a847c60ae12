import { Knex } from 'knex';
import { isPostgres } from './dialect';

const CANONICAL_ISO =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Whether `value` is already what `new Date(value).toISOString()` gives back: UTC, milliseconds,
 * a real calendar date in the years 0001-9999 (what the API's timestamp schema and the stores
 * write).
 */
export function isCanonicalIso(value: string): boolean {
  const match = CANONICAL_ISO.exec(value);
  if (!match) {
    return false;
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return (
    year >= 1 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/**
 * Normalises a timestamp read from either database to an ISO 8601 string.
 * PostgreSQL returns Date objects; SQLite returns the ISO text the store wrote. Text already in
 * that form is returned as it is, without a round trip through a Date (a bulk import's answers
 * carry two to four timestamps a record; the round trip took 5 % of the in-process import's busy
 * main thread, `bench:import --db postgres` under `--cpu-prof`).
 */
export function toIso(value: Date | string | number): string {
  if (value instanceof Date) {
    return value.toISOString();
  }
  return typeof value === 'string' && isCanonicalIso(value)
    ? value
    : new Date(value).toISOString();
}

/**
 * A timestamp column as epoch milliseconds, computed by the database so that reading many rows
 * builds no Date objects: the value {@link toIso} would give, as a number (`Date.parse` of it).
 *
 * PostgreSQL keeps microseconds; they are dropped (floor) as its driver does when it builds a
 * Date. SQLite holds the ISO text the stores wrote; `unixepoch(..., 'subsec')` (SQLite 3.42+)
 * reads it to the millisecond.
 */
export function epochMs(db: Knex, column: string, alias: string): Knex.Raw {
  return isPostgres(db)
    ? db.raw('floor(extract(epoch from ??) * 1000)::float8 AS ??', [
        column,
        alias,
      ])
    : db.raw("CAST(round(unixepoch(??, 'subsec') * 1000) AS INTEGER) AS ??", [
        column,
        alias,
      ]);
}
