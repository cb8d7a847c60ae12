import {
  formatDuration,
  formatFrequency,
  formatPercent,
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
    expect(formatShortDay('2026-03-02')).toBe('Mar 2');
    expect(formatShortDay('2026-03-02T10:00:00.000Z')).toBe('Mar 2');
  });
});
