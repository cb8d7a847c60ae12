import path from 'node:path';
import { DEFAULT_POSTGRES_URL } from './connection';
import { manifestPath, samePostgresDatabase } from './loadDatabase';

describe('manifestPath', () => {
  it('keeps the default database in bench/results and any other --postgres database apart', () => {
    expect(manifestPath('postgres').split(path.sep).slice(-3)).toEqual([
      'bench',
      'results',
      'data-postgres.json',
    ]);
    expect(manifestPath('postgres', DEFAULT_POSTGRES_URL)).toBe(
      manifestPath('postgres'),
    );
    expect(
      manifestPath(
        'postgres',
        'postgresql://postgres@127.0.0.1:5432/ro_pages_small',
      )
        .split(path.sep)
        .slice(-4),
    ).toEqual([
      'bench',
      '.data',
      'manifests',
      'data-postgres-ro_pages_small.json',
    ]);
    expect(manifestPath('sqlite', '/tmp/x.sqlite')).toBe(
      manifestPath('sqlite'),
    );
  });

  it('compares PostgreSQL databases by server, port and name', () => {
    expect(
      samePostgresDatabase(
        'postgresql://postgres@127.0.0.1:5432/a',
        'postgresql://postgres@127.0.0.1/a',
      ),
    ).toBe(true);
    expect(
      samePostgresDatabase(
        'postgresql://postgres@127.0.0.1:5432/a',
        'postgresql://postgres@127.0.0.1:5432/b',
      ),
    ).toBe(false);
  });
});
