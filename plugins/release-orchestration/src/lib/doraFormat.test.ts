import {
  formatDuration,
  formatFrequency,
  formatPercent,
  formatDurationPair,
  formatFrequencyPair,
  formatShortDay,
  plural,
} from './doraFormat';

describe('DORA formatting', () => {
  it('shows durations in the unit a person would use', () => {
    expect(formatDuration(42)).toBe('42 sec');
    expect(formatDuration(45 * 60)).toBe('45 min');
    expect(formatDuration(3600)).toBe('1 hour');
    expect(formatDuration(3.5 * 3600)).toBe('3.5 hours');
    expect(formatDuration(2.1 * 86400)).toBe('2.1 days');
    expect(formatDuration(12 * 86400)).toBe('12 days');
    expect(formatDuration(70 * 86400)).toBe('10 weeks');
  });

  it('shows deployment frequency per day, week or month', () => {
    expect(formatFrequency(3.24)).toBe('3.2 per day');
    expect(formatFrequency(1)).toBe('1 per day');
    expect(formatFrequency(2 / 7)).toBe('2 per week');
    expect(formatFrequency(1 / 20)).toBe('1.5 per month');
    expect(formatFrequency(0)).toBe('none');
  });

  it('shows ratios as percentages, with a decimal only for small ones', () => {
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.045)).toBe('4.5%');
    expect(formatPercent(0.123)).toBe('12%');
    expect(formatPercent(1)).toBe('100%');
  });

  it('pluralises and formats days', () => {
    expect(plural(1, 'deployment')).toBe('1 deployment');
    expect(plural(14, 'deployment')).toBe('14 deployments');
    expect(plural(2, 'recovery', 'recoveries')).toBe('2 recoveries');
    const now = new Date('2026-12-06T12:00:00Z');
    expect(formatShortDay('2026-03-02', now)).toBe('Mar 2');
    expect(formatShortDay('2026-03-02T10:00:00.000Z', now)).toBe('Mar 2');
    // Another year carries it: "from Dec 11" in January reads as a future date.
    expect(formatShortDay('2025-12-11', new Date('2026-01-09T00:00:00Z'))).toBe(
      'Dec 11, 2025',
    );
    expect(formatShortDay('2027-01-04', now)).toBe('Jan 4, 2027');
  });

  it('states two values in one unit, the one of the smaller', () => {
    expect(formatFrequencyPair(2, 3 / 7)).toEqual([
      '14 per week',
      '3 per week',
    ]);
    expect(formatFrequencyPair(3, 1)).toEqual(['3 per day', '1 per day']);
    expect(formatFrequencyPair(0, 1 / 7)).toEqual(['none', '1 per week']);
    expect(formatDurationPair(1.5 * 86400, 4 * 86400)).toEqual([
      '1.5 days',
      '4 days',
    ]);
    expect(formatDurationPair(6 * 3600, 2 * 86400)).toEqual([
      '6 hours',
      '48 hours',
    ]);
  });
});
