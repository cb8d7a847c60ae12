import { isCanonicalTimestamp } from '@release-orchestration/plugin-release-orchestration-common';
import { toIso } from './timestamps';

describe('toIso', () => {
  it('returns canonical ISO text as it is and normalises everything else', () => {
    expect(toIso('2026-12-07T12:00:00.123Z')).toBe('2026-12-07T12:00:00.123Z');
    expect(toIso(new Date(Date.UTC(2026, 11, 7, 12)))).toBe(
      '2026-12-07T12:00:00.000Z',
    );
    expect(toIso('2026-12-07T13:00:00+01:00')).toBe('2026-12-07T12:00:00.000Z');
    expect(toIso('2026-12-07 12:00:00')).toBe(
      new Date('2026-12-07 12:00:00').toISOString(),
    );
    expect(toIso(0)).toBe('1970-01-01T00:00:00.000Z');
  });

  it('gives what a round trip through a Date gives, for every text it returns as it is', () => {
    const samples = [
      '2024-02-29T23:59:59.999Z',
      '2000-02-29T00:00:00.000Z',
      '0001-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
      '2026-04-30T10:00:00.000Z',
      // Not calendar dates or times: a Date rolls them over, so they take the slow path.
      '2026-02-29T00:00:00.000Z',
      '1900-02-29T00:00:00.000Z',
      '2026-04-31T10:00:00.000Z',
      '2026-02-28T24:00:00.000Z',
      '2026-01-01T00:60:00.000Z',
      '2026-00-10T00:00:00.000Z',
    ];
    const roundTrip = (text: string) => {
      const date = new Date(text);
      return Number.isNaN(date.getTime()) ? 'Invalid Date' : date.toISOString();
    };
    const asItIs = samples.filter(isCanonicalTimestamp);
    expect(asItIs.map(roundTrip)).toEqual(asItIs);
    // The rest differ from their round trip, so returning them as they are would be wrong.
    expect(
      samples.filter(s => !isCanonicalTimestamp(s) && roundTrip(s) === s),
    ).toEqual([]);
    expect(samples.filter(isCanonicalTimestamp)).toEqual(samples.slice(0, 5));
  });
});
