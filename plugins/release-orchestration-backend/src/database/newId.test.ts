import { z } from 'zod';
import { newId } from './newId';

describe('newId', () => {
  it('makes UUIDs of version 7 and the RFC 9562 variant that carry the time', () => {
    const at = Date.parse('2026-12-07T03:30:00.123Z');
    const id = newId(at);
    expect(id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(z.string().uuid().safeParse(id).success).toBe(true);
    expect(
      parseInt(id.replace(/-/g, '').slice(0, 12), 16),
    ).toBeGreaterThanOrEqual(at);
  });

  it('orders ids made one after the other, also within one millisecond and when the clock goes back', () => {
    const at = Date.now() + 60_000;
    const ids = [
      ...Array.from({ length: 5000 }, () => newId(at)),
      newId(at - 10_000),
      newId(at + 1),
      ...Array.from({ length: 20 }, () => newId()),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('leaves 62 random bits: ids of the same millisecond differ beyond the counter', () => {
    const at = Date.now() + 120_000;
    const tails = new Set(
      Array.from({ length: 1000 }, () => newId(at).slice(19)),
    );
    expect(tails.size).toBe(1000);
  });
});
