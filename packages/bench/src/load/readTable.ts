import { Knex } from 'knex';
import { compareText } from '@release-orchestration/demo-data';
import { TableName, TABLES, Value } from '../model/tables';

const BOOLEAN_COLUMNS = new Set([
  'rollback',
  'hotfix',
  'succeeded',
  'separation_of_duties',
  'require_previous_environment',
]);

/** A value as read from either database, normalised: ISO timestamps, real booleans, numbers. */
function normalise(column: string, value: unknown): Value {
  if (value === null || value === undefined) {
    return null;
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (BOOLEAN_COLUMNS.has(column)) {
    return Boolean(value);
  }
  if (typeof value === 'bigint') {
    return Number(value);
  }
  return value as Value;
}

/**
 * Every row of a table with the generator's columns, normalised and sorted, so that the same
 * rows compare equal whichever database (or code path) wrote them.
 */
export async function readTable(
  knex: Knex,
  table: TableName,
): Promise<Value[][]> {
  const columns = TABLES[table] as readonly string[];
  const rows = await knex(table).select(columns as string[]);
  const normalised = rows.map((row: Record<string, unknown>) =>
    columns.map(c => normalise(c, row[c])),
  );
  const keyed = normalised.map(row => [JSON.stringify(row), row] as const);
  keyed.sort((a, b) => compareText(a[0], b[0]));
  return keyed.map(([, row]) => row);
}
