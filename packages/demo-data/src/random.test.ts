import { band, randomHex, randomUuid, seededRandom } from './random';

describe('seededRandom', () => {
  it('repeats a sequence for a key and differs between keys', () => {
    const draw = (key: string) => {
      const r = seededRandom(key);
      return Array.from({ length: 5 }, () => r.next());
    };
    expect(draw('1|system:default/sys-0001')).toEqual(
      draw('1|system:default/sys-0001'),
    );
    expect(draw('1|system:default/sys-0001')).not.toEqual(
      draw('1|system:default/sys-0002'),
    );
    for (const value of draw('x')) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('gives ids that do not repeat across the streams of many keys', () => {
    const seen = new Set<string>();
    for (let k = 0; k < 1000; k++) {
      const r = seededRandom(`1|system:default/sys-${k}`);
      for (let i = 0; i < 200; i++) {
        seen.add(randomUuid(r));
      }
    }
    expect(seen.size).toBe(200_000);
  });

  it('draws hex and UUIDs of the right shape', () => {
    const r = seededRandom('shape');
    expect(randomHex(r, 20)).toMatch(/^[0-9a-f]{40}$/);
    expect(randomUuid(r)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('band', () => {
  it('picks the first band above the draw', () => {
    const lanes: Array<[number, string]> = [
      [0.7, 'dev'],
      [0.9, 'staging'],
    ];
    expect(band(0.1, lanes, 'production')).toBe('dev');
    expect(band(0.75, lanes, 'production')).toBe('staging');
    expect(band(0.95, lanes, 'production')).toBe('production');
  });
});
