import { suggestReleaseVersion } from './suggestReleaseVersion';

describe('suggestReleaseVersion', () => {
  const today = new Date('2026-03-05T10:00:00Z');

  it('starts the day at -1', () => {
    expect(suggestReleaseVersion(['2026.03.04-2', 'v1.2.0'], today)).toBe(
      '2026.03.05-1',
    );
  });

  it('counts past every release already cut today', () => {
    expect(suggestReleaseVersion(['2026.03.05-1', '2026.03.05-3'], today)).toBe(
      '2026.03.05-4',
    );
  });
});
