import { IngestFootprint, independentGroups } from './independentGroups';

const record = (
  index: number,
  system: string | undefined,
  ...keys: string[]
): IngestFootprint => ({ index, system, keys });

describe('independentGroups', () => {
  it('keeps each System in one group, in the ingest order, and balances the groups by records', () => {
    const footprints = [
      ...Array.from({ length: 6 }, (_, i) => record(i * 2, 'shop')),
      ...Array.from({ length: 3 }, (_, i) => record(i * 2 + 1, 'bank')),
      ...Array.from({ length: 3 }, (_, i) => record(12 + i, 'mail')),
    ];
    expect(independentGroups(footprints, 2, 1)).toEqual([
      [0, 2, 4, 6, 8, 10],
      [1, 3, 5, 12, 13, 14],
    ]);
  });

  it('links Systems whose records share a key (an idempotency key, a component)', () => {
    const footprints = [
      record(0, 'shop', 'deployment\nk1'),
      record(1, 'bank', 'deployment\nk2'),
      record(2, 'mail', 'deployment\nk1'),
      record(3, 'news', 'component\nc'),
      record(4, 'shop'),
      record(5, 'bank'),
      record(6, 'component:default/c', 'component\nc'),
      record(7, 'news'),
    ];
    // {shop, mail} and {news, c} (three records each) go first, then the bank (two).
    expect(independentGroups(footprints, 2, 1)).toEqual([
      [0, 1, 2, 4, 5],
      [3, 6, 7],
    ]);
  });

  it('is one group when a System is unknown, when one group is asked for, or when a group would be too small', () => {
    const two = [record(0, 'shop'), record(1, 'bank')];
    expect(independentGroups(two, 2, 1)).toEqual([[0], [1]]);
    expect(independentGroups(two, 1, 1)).toEqual([[0, 1]]);
    expect(independentGroups([...two, record(2, undefined)], 2, 1)).toEqual([
      [0, 1, 2],
    ]);
    // Fewer records than two groups' least.
    expect(independentGroups(two, 2, 2)).toEqual([[0, 1]]);
    // Enough records, but one System holds nearly all of them.
    const lopsided = [
      ...Array.from({ length: 9 }, (_, i) => record(i, 'shop')),
      record(9, 'bank'),
    ];
    expect(independentGroups(lopsided, 2, 2)).toEqual([
      lopsided.map(f => f.index),
    ]);
    expect(independentGroups([], 2, 1)).toEqual([]);
  });

  it('makes no more groups than there are sets of linked Systems', () => {
    expect(
      independentGroups([record(0, 'shop'), record(1, 'shop')], 3, 1),
    ).toEqual([[0, 1]]);
  });
});
