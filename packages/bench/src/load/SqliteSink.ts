import type { Database, Statement } from 'better-sqlite3';
import { RowSink, TableName, TABLES, Value } from '../model/tables';

const ROWS_PER_TRANSACTION = 100_000;

/**
 * Inserts rows into SQLite with one prepared statement per table, in transactions of about
 * 100,000 rows. The generator writes parents before children, so foreign keys hold throughout.
 */
export class SqliteSink implements RowSink {
  private readonly statements = new Map<TableName, Statement>();
  private pending = 0;

  constructor(private readonly db: Database) {
    for (const [table, columns] of Object.entries(TABLES)) {
      this.statements.set(
        table as TableName,
        db.prepare(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns
            .map(() => '?')
            .join(', ')})`,
        ),
      );
    }
    db.exec('BEGIN');
  }

  write(table: TableName, row: Value[]) {
    this.statements
      .get(table)!
      .run(row.map(v => (typeof v === 'boolean' ? Number(v) : v)));
    this.pending += 1;
  }

  async flush() {
    if (this.pending >= ROWS_PER_TRANSACTION) {
      this.db.exec('COMMIT');
      this.db.exec('BEGIN');
      this.pending = 0;
    }
  }

  async close() {
    this.db.exec('COMMIT');
  }
}
