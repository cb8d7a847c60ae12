import { formatSoakDuration, parseDuration } from './duration';

describe('parseDuration', () => {
  it('reads minutes, hours, seconds and combinations', () => {
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('90s')).toBe(90_000);
  });

  it('refuses other text and durations under a minute, naming the flag', () => {
    expect(() => parseDuration('30')).toThrow(
      "--soak: must be a duration like 30m, 2h, 1h30m or 90s, got '30'",
    );
    expect(() => parseDuration('')).toThrow('--soak: must be a duration');
    expect(() => parseDuration('5 m')).toThrow('--soak: must be a duration');
    expect(() => parseDuration('30s')).toThrow(
      "--soak: must be at least 1m (the soak records once a minute), got '30s'",
    );
  });

  it('formats back', () => {
    expect(formatSoakDuration(1_800_000)).toBe('30m');
    expect(formatSoakDuration(5_400_000)).toBe('1h30m');
    expect(formatSoakDuration(90_000)).toBe('1m30s');
  });
});
