import { checkExactlyOnce } from './exactlyOnce';

describe('checkExactlyOnce', () => {
  it('passes when every accepted write is stored once', () => {
    const r = checkExactlyOnce(
      ['a', 'b', 'b'],
      new Map([
        ['a', 1],
        ['b', 1],
      ]),
    );
    expect(r).toEqual({
      accepted: 2,
      inDoubt: 0,
      stored: 2,
      lost: [],
      duplicated: [],
      unexpected: [],
      ok: true,
    });
  });

  it('names lost, duplicated and unexpected writes', () => {
    const r = checkExactlyOnce(
      ['a', 'b', 'c'],
      new Map([
        ['a', 1],
        ['b', 2],
        ['z', 1],
      ]),
    );
    expect(r.ok).toBe(false);
    expect(r.lost).toEqual(['c']);
    expect(r.duplicated).toEqual([{ marker: 'b', count: 2 }]);
    expect(r.unexpected).toEqual(['z']);
    expect(r.stored).toBe(4);
  });

  it('lets a write in doubt be stored once or not at all, never twice', () => {
    expect(
      checkExactlyOnce(
        ['a'],
        new Map([
          ['a', 1],
          ['d', 1],
        ]),
        ['d', 'e'],
      ),
    ).toMatchObject({ ok: true, inDoubt: 2 });
    expect(
      checkExactlyOnce(
        ['a'],
        new Map([
          ['a', 1],
          ['d', 2],
        ]),
        ['d'],
      ),
    ).toMatchObject({
      ok: false,
      duplicated: [{ marker: 'd', count: 2 }],
    });
  });

  it('counts a write that was accepted after being in doubt as accepted', () => {
    expect(checkExactlyOnce(['a'], new Map(), ['a'])).toMatchObject({
      ok: false,
      lost: ['a'],
      inDoubt: 0,
    });
  });
});
