import { compareCodePoints } from './compareCodePoints';

describe('compareCodePoints', () => {
  it('orders by code unit, not by locale', () => {
    expect(['b', 'a-c', 'B', 'ab', 'a'].sort(compareCodePoints)).toEqual([
      'B',
      'a',
      'a-c',
      'ab',
      'b',
    ]);
    expect(compareCodePoints('x', 'x')).toBe(0);
  });
});
