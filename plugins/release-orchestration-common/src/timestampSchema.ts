import { z } from 'zod';

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/;

const FORMAT_MESSAGE =
  'must be an ISO 8601 date-time with a time zone, e.g. 2026-01-31T12:00:00Z';

/**
 * The earliest and latest instants a timestamp may name, in epoch milliseconds.
 * @public
 */
export const timestampBounds = {
  /** 0001-01-01T00:00:00.000Z */
  min: Date.parse('0001-01-01T00:00:00.000Z'),
  /** 9999-12-31T23:59:59.999Z */
  max: Date.parse('9999-12-31T23:59:59.999Z'),
} as const;

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const CANONICAL_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/**
 * Whether `value` is already what {@link timestampSchema} and `toISOString` make of it: UTC,
 * milliseconds, a real calendar date in the years 0001-9999. Such text equals
 * `new Date(value).toISOString()`, so readers can keep it without a round trip through a Date.
 * @public
 */
export function isCanonicalTimestamp(value: string): boolean {
  const match = CANONICAL_TIMESTAMP.exec(value);
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
 * Parses an ISO 8601 date-time with a zone (`Z` or `±hh:mm`) into epoch milliseconds, or returns
 * a sentence saying what is wrong. Dates must exist (2026-02-30 is refused, not rolled over) and
 * the instant must lie in the years 0001-9999 UTC.
 * @public
 */
export function parseTimestamp(
  value: string,
): { ms: number } | { problem: string } {
  const match = ISO_DATE_TIME.exec(value);
  if (!match) {
    return { problem: FORMAT_MESSAGE };
  }
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  const millis =
    match[7] === undefined ? 0 : Math.floor(Number(`0.${match[7]}`) * 1000);
  if (year < 1) {
    return { problem: 'must be in the years 0001-9999' };
  }
  if (month < 1 || month > 12) {
    return { problem: `has no month ${match[2]}` };
  }
  if (day < 1 || day > daysInMonth(year, month)) {
    return {
      problem: `is not a calendar date: ${match[1]}-${match[2]} has no day ${match[3]}`,
    };
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return {
      problem: `is not a time of day: ${match[4]}:${match[5]}${
        match[6] ? `:${match[6]}` : ''
      }`,
    };
  }
  let offsetMinutes = 0;
  if (match[8] !== 'Z') {
    const offsetHours = Number(match[10]);
    const offsetMins = Number(match[11]);
    if (offsetHours > 23 || offsetMins > 59) {
      return { problem: `has an impossible time zone offset ${match[8]}` };
    }
    offsetMinutes =
      (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  // Date.UTC maps the years 0-99 to 1900-1999; setUTCFullYear does not.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  const ms = date.getTime() - offsetMinutes * 60_000;
  if (ms < timestampBounds.min || ms > timestampBounds.max) {
    return { problem: 'must be in the years 0001-9999 (UTC)' };
  }
  return { ms };
}

/**
 * An ISO 8601 date-time with a time zone, checked to be a real instant in the years 0001-9999
 * and normalised to UTC (`toISOString`, millisecond precision).
 * @public
 */
export const timestampSchema = z
  .string({ invalid_type_error: FORMAT_MESSAGE, required_error: 'Required' })
  .max(64, FORMAT_MESSAGE)
  .transform((value, ctx) => {
    const parsed = parseTimestamp(value);
    if ('problem' in parsed) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.problem });
      return z.NEVER;
    }
    return new Date(parsed.ms).toISOString();
  });
