import { copyLine, copyValue } from './copyText';

describe('COPY text format', () => {
  it('writes NULL, booleans and numbers as PostgreSQL reads them', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue(true)).toBe('t');
    expect(copyValue(false)).toBe('f');
    expect(copyValue(42)).toBe('42');
    expect(copyValue('2026-11-01T00:00:00.000Z')).toBe(
      '2026-11-01T00:00:00.000Z',
    );
  });

  it('escapes backslashes, tabs and line breaks in text', () => {
    expect(copyValue('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyValue('["unit-tests"]')).toBe('["unit-tests"]');
  });

  it('joins a row with tabs and ends it with a newline', () => {
    expect(copyLine(['id', null, 3, false])).toBe('id\t\\N\t3\tf\n');
  });
});
