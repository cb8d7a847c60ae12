import { createHash, Hash } from 'node:crypto';
import { RowSink, TableName, Value } from '../model/tables';

/** A sha256 per table over the rows written to it, in order: a fingerprint of generated data. */
export class HashingSink implements RowSink {
  private readonly hashes = new Map<TableName, Hash>();

  write(table: TableName, row: Value[]) {
    let hash = this.hashes.get(table);
    if (!hash) {
      hash = createHash('sha256');
      this.hashes.set(table, hash);
    }
    hash.update(JSON.stringify(row));
  }

  async flush() {}

  async close() {}

  /** The digest of every table written to, by table name. */
  digests(): Record<string, string> {
    return Object.fromEntries(
      [...this.hashes].map(([table, hash]) => [
        table,
        hash.copy().digest('hex'),
      ]),
    );
  }
}
