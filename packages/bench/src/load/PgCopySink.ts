import { Client, ClientConfig } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Writable } from 'node:stream';
import { RowSink, TableName, TABLES, Value } from '../model/tables';
import { copyLine } from './copyText';

const CHUNK = 256 * 1024;

interface Stream {
  client: Client;
  stream: Writable;
  buffer: string;
  done: Promise<void>;
}

/**
 * Streams rows into PostgreSQL with one `COPY ... FROM STDIN` per table, all tables at once on
 * their own connections. The connections run with `session_replication_role = replica`, which
 * skips foreign-key triggers (the tables fill in parallel, children may arrive before parents);
 * the loader checks every foreign key afterwards instead.
 */
export class PgCopySink implements RowSink {
  private failure: Error | undefined;

  private constructor(private readonly streams: Map<TableName, Stream>) {
    for (const s of streams.values()) {
      s.stream.on('error', (e: Error) => {
        this.failure ??= e;
      });
    }
  }

  static async open(
    connection: ClientConfig,
    tables: TableName[],
  ): Promise<PgCopySink> {
    const streams = new Map<TableName, Stream>();
    for (const table of tables) {
      const client = new Client(connection);
      await client.connect();
      await client.query('SET session_replication_role = replica');
      const stream = client.query(
        copyFrom(`COPY ${table} (${TABLES[table].join(', ')}) FROM STDIN`),
      );
      const done = new Promise<void>((resolve, reject) => {
        stream.on('finish', () => resolve());
        stream.on('error', reject);
      });
      done.catch(() => undefined);
      streams.set(table, { client, stream, buffer: '', done });
    }
    return new PgCopySink(streams);
  }

  write(table: TableName, row: Value[]) {
    const s = this.streams.get(table);
    if (!s) {
      throw new Error(`no COPY stream open for ${table}`);
    }
    s.buffer += copyLine(row);
    if (s.buffer.length >= CHUNK) {
      s.stream.write(s.buffer);
      s.buffer = '';
    }
  }

  async flush() {
    this.throwIfFailed();
    const waits: Promise<void>[] = [];
    for (const s of this.streams.values()) {
      if (s.stream.writableNeedDrain) {
        waits.push(
          new Promise(resolve => s.stream.once('drain', () => resolve())),
        );
      }
    }
    await Promise.all(waits);
    this.throwIfFailed();
  }

  async close() {
    for (const s of this.streams.values()) {
      if (s.buffer.length > 0) {
        s.stream.write(s.buffer);
        s.buffer = '';
      }
      s.stream.end();
    }
    try {
      await Promise.all([...this.streams.values()].map(s => s.done));
    } finally {
      await Promise.all([...this.streams.values()].map(s => s.client.end()));
    }
    this.throwIfFailed();
  }

  private throwIfFailed() {
    if (this.failure) {
      throw this.failure;
    }
  }
}
