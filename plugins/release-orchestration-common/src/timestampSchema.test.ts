import { describeZodError } from './schemas';
import { parseTimestamp, timestampSchema } from './timestampSchema';

function parse(value: unknown): string {
  const result = timestampSchema.safeParse(value);
  return result.success
    ? result.data
    : `error: ${describeZodError(result.error)}`;
}

describe('timestampSchema', () => {
  it('normalises ISO 8601 date-times with a zone to UTC ISO', () => {
    expect(parse('2026-01-31T12:00:00Z')).toBe('2026-01-31T12:00:00.000Z');
    expect(parse('2026-01-31T12:00Z')).toBe('2026-01-31T12:00:00.000Z');
    expect(parse('2026-01-31T12:00:00.123456789+02:00')).toBe(
      '2026-01-31T10:00:00.123Z',
    );
    expect(parse('2026-01-31T23:30:00-0100')).toBe('2026-02-01T00:30:00.000Z');
    expect(parse('2024-02-29T00:00:00Z')).toBe('2024-02-29T00:00:00.000Z');
    expect(parse('0001-01-01T00:00:00Z')).toBe('0001-01-01T00:00:00.000Z');
    expect(parse('0099-06-01T00:00:00Z')).toBe('0099-06-01T00:00:00.000Z');
    expect(parse('9999-12-31T23:59:59.999Z')).toBe('9999-12-31T23:59:59.999Z');
  });

  it('refuses dates that do not exist instead of rolling them over', () => {
    expect(parse('2026-02-30T00:00:00Z')).toBe(
      'error: is not a calendar date: 2026-02 has no day 30',
    );
    expect(parse('2023-02-29T00:00:00Z')).toBe(
      'error: is not a calendar date: 2023-02 has no day 29',
    );
    expect(parse('1900-02-29T00:00:00Z')).toBe(
      'error: is not a calendar date: 1900-02 has no day 29',
    );
    expect(parse('2026-04-31T00:00:00Z')).toBe(
      'error: is not a calendar date: 2026-04 has no day 31',
    );
    expect(parse('2026-13-01T00:00:00Z')).toBe('error: has no month 13');
    expect(parse('2026-01-01T24:00:00Z')).toBe(
      'error: is not a time of day: 24:00:00',
    );
    expect(parse('2026-01-01T23:60:00Z')).toBe(
      'error: is not a time of day: 23:60:00',
    );
    expect(parse('2026-01-01T00:00:00+24:00')).toBe(
      'error: has an impossible time zone offset +24:00',
    );
  });

  it('refuses instants outside the years 0001-9999, also after the zone is applied', () => {
    expect(parse('0000-06-01T00:00:00Z')).toBe(
      'error: must be in the years 0001-9999',
    );
    expect(parse('0001-01-01T00:00:00+01:00')).toBe(
      'error: must be in the years 0001-9999 (UTC)',
    );
    expect(parse('9999-12-31T23:30:00-01:00')).toBe(
      'error: must be in the years 0001-9999 (UTC)',
    );
    expect(parse('+010000-01-01T00:00:00Z')).toMatch(
      /^error: must be an ISO 8601 date-time/,
    );
  });

  it('refuses what is not an ISO 8601 date-time with a zone', () => {
    for (const value of [
      '2026-01-31',
      '2026-01-31T12:00:00',
      'Jan 31 2026',
      '1e12',
      '2026-01-31T12:00:00Z\u0000',
      '',
    ]) {
      expect(parse(value)).toBe(
        'error: must be an ISO 8601 date-time with a time zone, e.g. 2026-01-31T12:00:00Z',
      );
    }
    expect(parse(1767182400000)).toBe(
      'error: must be an ISO 8601 date-time with a time zone, e.g. 2026-01-31T12:00:00Z',
    );
  });

  it('parses to epoch milliseconds', () => {
    expect(parseTimestamp('1970-01-01T00:00:01Z')).toEqual({ ms: 1000 });
  });
});
