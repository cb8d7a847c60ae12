import {
  formatAbsolute,
  formatRelative,
  shortDigest,
  shortSha,
} from './format';

describe('format', () => {
  it('shortens commit SHAs and digests the way people read them', () => {
    expect(shortSha('0123456789abcdef0123')).toBe('0123456');
    expect(shortDigest(`sha256:${'ab'.repeat(32)}`)).toBe(
      'sha256:abababababab',
    );
    expect(shortDigest('abcdef0123456789')).toBe('abcdef012345');
  });

  it('formats dates relative to now and absolute in UTC', () => {
    const now = new Date('2026-02-10T12:00:00Z');
    expect(formatRelative('2026-02-07T12:00:00Z', now)).toBe('3 days ago');
    expect(formatRelative('2026-02-10T11:59:30Z', now)).toBe('30 seconds ago');
    expect(formatRelative('2025-12-01T12:00:00Z', now)).toBe('2 months ago');
    expect(formatAbsolute('2026-02-07T09:05:00Z')).toBe('2026-02-07 09:05 UTC');
  });
});
