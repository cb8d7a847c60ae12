import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { applyMigrations, DatabaseStores } from '../database/DatabaseStores';

/** The databases every store test runs on; PostgreSQL when its connection string is set. */
export function createTestDatabases() {
  return TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
}

/** A migrated, empty database of the given kind, with the stores bound to it. */
export async function createTestStores(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): Promise<{ knex: Knex; stores: DatabaseStores }> {
  const knex = await databases.init(databaseId);
  await applyMigrations(knex);
  return { knex, stores: DatabaseStores.fromKnex(knex) };
}

/** A clock that starts at a fixed time and moves one second per call. */
export function steppingClock(start = '2026-11-01T12:00:00.000Z') {
  let t = Date.parse(start);
  return () => {
    const now = new Date(t);
    t += 1000;
    return now;
  };
}
