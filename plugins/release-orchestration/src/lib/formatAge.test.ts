import { formatAge } from './formatAge';

describe('formatAge', () => {
  it('uses minutes below an hour, hours below two days, then days', () => {
    expect(formatAge(0)).toBe('0 min');
    expect(formatAge(59 * 60)).toBe('59 min');
    expect(formatAge(3600)).toBe('1 h');
    expect(formatAge(47 * 3600)).toBe('47 h');
    expect(formatAge(2 * 86400)).toBe('2 d');
  });
});
