import { ConfigReader } from '@backstage/config';
import { readImportParallelism } from './readImportParallelism';

const config = (parallelism?: unknown) =>
  new ConfigReader(
    parallelism === undefined
      ? {}
      : { releaseOrchestration: { import: { parallelism } } },
  );

describe('readImportParallelism', () => {
  it('is 2 by default where writers run at once, and 1 on a single-writer database whatever is set', () => {
    expect(readImportParallelism(config(), true)).toBe(2);
    expect(readImportParallelism(config(4), true)).toBe(4);
    expect(readImportParallelism(config(1), true)).toBe(1);
    expect(readImportParallelism(config(), false)).toBe(1);
    expect(readImportParallelism(config(4), false)).toBe(1);
  });

  it.each([0, 9, 1.5, '2', -1])('refuses %p, naming the key', value => {
    expect(() => readImportParallelism(config(value), true)).toThrow(
      /^releaseOrchestration\.import\.parallelism: must be a whole number from 1 to 8, got /,
    );
  });
});
