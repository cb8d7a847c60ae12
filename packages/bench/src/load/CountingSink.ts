import { RowSink, TableName, Value } from '../model/tables';

/** Counts rows per table on their way to another sink (or nowhere). */
export class CountingSink implements RowSink {
  readonly counts = new Map<TableName, number>();
  total = 0;

  constructor(
    private readonly next?: RowSink,
    private readonly onFlush?: (total: number) => void,
  ) {}

  write(table: TableName, row: Value[]) {
    this.counts.set(table, (this.counts.get(table) ?? 0) + 1);
    this.total += 1;
    this.next?.write(table, row);
  }

  async flush() {
    await this.next?.flush();
    this.onFlush?.(this.total);
  }

  async close() {
    await this.next?.close();
  }

  /** Counts as a plain object, tables in write order. */
  toJSON(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}
