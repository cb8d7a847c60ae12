import { createTestDatabases } from '../__testUtils__/testStores';
import { describeDataException } from './databaseErrorHandler';

describe('describeDataException', () => {
  it('names the column of a data exception, without repeating the SQL and its bindings', () => {
    expect(
      describeDataException({
        code: '22001',
        message: 'insert into "x" values ($1) - value too long',
      }),
    ).toBe(
      'Invalid request: a value is too long for its database column (database error 22001)',
    );
    expect(describeDataException({ code: '22P02', column: 'id' })).toBe(
      'Invalid request: id has a format the database cannot read (database error 22P02)',
    );
    expect(describeDataException({ code: '22999' })).toBe(
      'Invalid request: a value is not a value the database can store (database error 22999)',
    );
    expect(describeDataException({ code: 'SQLITE_TOOBIG' })).toBe(
      'Invalid request: a value is too large for the database (database error SQLITE_TOOBIG)',
    );
  });

  it('leaves every other error alone', () => {
    for (const error of [
      { code: '23505' },
      { code: '40001' },
      { code: 'SQLITE_BUSY' },
      new Error('boom'),
      undefined,
      'text',
      { code: 22001 },
    ]) {
      expect(describeDataException(error)).toBeUndefined();
    }
  });

  const databases = createTestDatabases();
  it.each(databases.eachSupportedId().filter(([id]) => id === 'POSTGRES_15'))(
    'maps what %p raises for a NUL character',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const error = await knex.raw('select ?::text as v', ['a\u0000b']).then(
        () => undefined,
        e => e,
      );
      expect(describeDataException(error)).toBe(
        'Invalid request: a value contains a character the database cannot store (such as NUL) (database error 22021)',
      );
    },
  );
});
