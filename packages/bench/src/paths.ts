import fs from 'node:fs';
import path from 'node:path';

/** The bench package's folder. */
export function packageDir(): string {
  return path.dirname(
    require.resolve('@release-orchestration/bench/package.json'),
  );
}

/** The repository root: the nearest folder above this package with a backstage.json. */
export function repoRoot(): string {
  let dir = packageDir();
  while (!fs.existsSync(path.join(dir, 'backstage.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(
        'cannot find the repository root (backstage.json) above the bench package',
      );
    }
    dir = parent;
  }
  return dir;
}

/** `bench/` at the repository root: results, EXPLAIN plans and the reference queries. */
export function benchDir(...parts: string[]): string {
  return path.join(repoRoot(), 'bench', ...parts);
}
