import { TtlCache } from './TtlCache';

describe('TtlCache', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_000;
  });

  it('loads a key once while it is fresh, and again once it has expired', async () => {
    const cache = new TtlCache<string>({ maxEntries: 10, ttlMs: 5_000, now });
    let owner = 'group:default/a';
    const load = jest.fn(async () => owner);
    expect(await cache.get('system:default/shop', load)).toBe(
      'group:default/a',
    );
    owner = 'group:default/b';
    clock += 4_999;
    expect(await cache.get('system:default/shop', load)).toBe(
      'group:default/a',
    );
    expect(load).toHaveBeenCalledTimes(1);
    clock += 1;
    // The changed owner is seen once the entry is ttlMs old.
    expect(await cache.get('system:default/shop', load)).toBe(
      'group:default/b',
    );
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('holds at most maxEntries, dropping the least recently used', async () => {
    const cache = new TtlCache<number>({ maxEntries: 3, ttlMs: 60_000, now });
    const loads: string[] = [];
    const get = (key: string) =>
      cache.get(key, async () => {
        loads.push(key);
        return key.length;
      });
    for (const key of ['a', 'b', 'c']) {
      await get(key);
    }
    await get('a'); // a is now the most recently used
    await get('d'); // pushes out b
    expect(cache.size).toBe(3);
    for (let i = 0; i < 1_000; i++) {
      await get(`k${i}`);
    }
    expect(cache.size).toBe(3);
    loads.length = 0;
    await get('k999');
    await get('a');
    expect(loads).toEqual(['a']);
  });

  it('shares one load between concurrent callers', async () => {
    const cache = new TtlCache<string>({ maxEntries: 10, ttlMs: 1_000, now });
    let release: (value: string) => void = () => {};
    const load = jest.fn(
      () => new Promise<string>(resolve => (release = resolve)),
    );
    const first = cache.get('k', load);
    const second = cache.get('k', load);
    release('v');
    expect(await Promise.all([first, second])).toEqual(['v', 'v']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps neither failures nor "not found", so a newly registered entity is seen at once', async () => {
    const cache = new TtlCache<string | undefined>({
      maxEntries: 10,
      ttlMs: 60_000,
      now,
    });
    await expect(
      cache.get('k', async () => Promise.reject(new Error('catalog down'))),
    ).rejects.toThrow('catalog down');
    expect(await cache.get('k', async () => undefined)).toBeUndefined();
    expect(await cache.get('k', async () => 'registered')).toBe('registered');
    expect(await cache.get('k', async () => 'not asked')).toBe('registered');
  });

  it('refuses bounds that would make it unbounded or broken', () => {
    expect(() => new TtlCache({ maxEntries: 0, ttlMs: 1 })).toThrow(
      'maxEntries',
    );
    expect(() => new TtlCache({ maxEntries: Number.NaN, ttlMs: 1 })).toThrow(
      'maxEntries',
    );
  });
});
