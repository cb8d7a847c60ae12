import { allocate } from './allocate';

describe('allocate', () => {
  it('splits a total in proportion to the weights, adding up exactly', () => {
    expect(allocate(10, [1, 1, 2])).toEqual([3, 2, 5]);
    expect(allocate(100, [1, 3])).toEqual([25, 75]);
    const parts = allocate(1_000_003, [0.3, 1.7, 2.2, 0.01]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(1_000_003);
  });

  it('gives every part its minimum first', () => {
    expect(allocate(10, [0, 0, 100], 2)).toEqual([2, 2, 6]);
    expect(allocate(6, [5, 1, 1], 2)).toEqual([2, 2, 2]);
  });

  it('splits evenly without weight, and handles nothing to split', () => {
    expect(allocate(4, [0, 0])).toEqual([2, 2]);
    expect(allocate(5, [])).toEqual([]);
  });
});
