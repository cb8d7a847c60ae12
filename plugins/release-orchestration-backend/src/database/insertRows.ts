import { Knex } from 'knex';
import { isPostgres } from './dialect';

type Row = Record<string, unknown>;

/** The columns every row gives a value (not `undefined`), or nothing if the rows differ. */
function sharedColumns(rows: Row[]): string[] | undefined {
  const columns = Object.keys(rows[0]).filter(c => rows[0][c] !== undefined);
  for (const row of rows) {
    let given = 0;
    for (const c of Object.keys(row)) {
      if (row[c] !== undefined) {
        given += 1;
      }
    }
    // As many given columns as the first row, each of the first row's: the same columns.
    if (given !== columns.length || columns.some(c => row[c] === undefined)) {
      return undefined;
    }
  }
  return columns;
}

/**
 * `insert into <table> (<columns>) select <columns> from json_populate_recordset(...)`: the rows
 * as one JSON parameter that PostgreSQL unpacks into the table's column types, instead of one
 * bind parameter per value. For a thousand rows of a dozen columns, binding 12,000 parameters
 * took PostgreSQL and the driver two to three times as long as parsing one JSON text (20,000
 * audit events: 2.2-3.4 s against 1.0 s, with half the driver's CPU). Values are converted as by a
 * bind parameter (text as it is, ISO times to timestamps, booleans, numbers, null); a column is
 * NULL where the JSON has no value, so only rows that all give the same columns qualify.
 * `undefined` on SQLite, or when the rows give different columns: use an ordinary insert.
 */
export function jsonRowsInsert(
  db: Knex,
  table: string,
  rows: readonly object[],
  /** SQL after the select, e.g. `on conflict (id) do nothing returning id`. */
  tail = '',
): Knex.Raw | undefined {
  if (!isPostgres(db) || rows.length === 0) {
    return undefined;
  }
  const columns = sharedColumns(rows as Row[]);
  if (!columns) {
    return undefined;
  }
  const list = columns.map(() => '??').join(', ');
  return db.raw(
    `insert into ?? (${list}) select ${list} from json_populate_recordset(null::??, ?::json)${
      tail ? ` ${tail}` : ''
    }`,
    [table, ...columns, ...columns, table, JSON.stringify(rows)],
  );
}

/**
 * Inserts rows (one statement; callers chunk them by rowsPerInsert) and ignores those that
 * conflict on `conflict`, returning the `returning` column of the rows inserted: on PostgreSQL as
 * one JSON parameter ({@link jsonRowsInsert}), elsewhere as an ordinary multi-row insert.
 */
export async function insertRows(
  db: Knex,
  table: string,
  rows: readonly object[],
  options: { ignoreConflictOn?: string[]; returning?: string } = {},
): Promise<Array<Record<string, unknown>>> {
  if (rows.length === 0) {
    return [];
  }
  const { ignoreConflictOn, returning } = options;
  const tail = [
    ignoreConflictOn
      ? db
          .raw(
            `on conflict (${ignoreConflictOn
              .map(() => '??')
              .join(', ')}) do nothing`,
            ignoreConflictOn,
          )
          .toQuery()
      : '',
    returning ? db.raw('returning ??', [returning]).toQuery() : '',
  ]
    .filter(Boolean)
    .join(' ');
  const json = jsonRowsInsert(db, table, rows, tail);
  if (json) {
    const answer = await json;
    return answer.rows ?? [];
  }
  let query: any = db(table).insert(rows as Row[]);
  if (ignoreConflictOn) {
    query = query.onConflict(ignoreConflictOn).ignore();
  }
  if (returning) {
    return query.returning(returning);
  }
  await query;
  return [];
}
