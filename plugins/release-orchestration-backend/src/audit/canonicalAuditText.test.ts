import {
  canonicalAuditText,
  canonicalAuditTimestamp,
} from './canonicalAuditText';

describe('canonicalAuditText', () => {
  it('replaces lone surrogates and NUL and keeps well-formed text', () => {
    expect(canonicalAuditText('a\ud800b')).toBe('a\uFFFDb');
    expect(canonicalAuditText('a\udc00')).toBe('a\uFFFD');
    expect(canonicalAuditText('nul\u0000')).toBe('nul\uFFFD');
    expect(canonicalAuditText('emoji \ud83d\ude80 ok')).toBe(
      'emoji \ud83d\ude80 ok',
    );
    // What survives is exactly what UTF-8 encodes and decodes back.
    const text = canonicalAuditText('x\ud800\u0000\ude80');
    expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
  });
});

describe('canonicalAuditTimestamp', () => {
  it('gives UTC with microseconds', () => {
    expect(canonicalAuditTimestamp('2026-10-01T02:00:00.5+02:00')).toBe(
      '2026-10-01T00:00:00.500000Z',
    );
    expect(canonicalAuditTimestamp(new Date('2026-10-01T00:00:00.123Z'))).toBe(
      '2026-10-01T00:00:00.123000Z',
    );
    expect(canonicalAuditTimestamp('2026-10-01T00:00:00.123456Z')).toBe(
      '2026-10-01T00:00:00.123456Z',
    );
    expect(() => canonicalAuditTimestamp('not a time')).toThrow(
      'is not a valid time',
    );
  });
});
