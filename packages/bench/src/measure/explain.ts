import { Knex } from 'knex';
import { Client, ClientConfig } from 'pg';
import { queryOneAtATime } from '@release-orchestration/plugin-release-orchestration-backend/src/database/queryOneAtATime';

/** One SQL statement a request path ran, with its bindings. */
export interface Statement {
  sql: string;
  bindings: unknown[];
}

/** A statement's plan, and the large tables it reads without an index. */
export interface ExplainedStatement extends Statement {
  plan: string;
  /** Tables of more than {@link LARGE_TABLE_ROWS} rows read by a sequential scan. */
  seqScans: Array<{ table: string; rows: number }>;
  ms: number;
}

/** A table of more rows than this is "large": a request must not scan it sequentially. */
export const LARGE_TABLE_ROWS = 10_000;

const ROLLBACK = new Error('rollback');
const CONTROL = /^(begin|commit|rollback|savepoint|release savepoint)\b/i;

/**
 * Runs `fn` inside a transaction that is rolled back, recording every statement it sends:
 * a write path leaves nothing behind, and its statements can be replayed against the same state.
 * The transaction sends its queries one at a time, as the plugin's own transactions do (reads a
 * service starts together otherwise met pg's "already executing a query" deprecation here).
 */
export async function captureStatements(
  knex: Knex,
  fn: (db: Knex) => Promise<unknown>,
): Promise<Statement[]> {
  const statements: Statement[] = [];
  try {
    await knex.transaction(async trx => {
      queryOneAtATime(trx);
      trx.on('query', (q: { sql: string; bindings?: unknown[] }) => {
        if (!CONTROL.test(q.sql.trim())) {
          statements.push({ sql: q.sql, bindings: q.bindings ?? [] });
        }
      });
      await fn(trx);
      throw ROLLBACK;
    });
  } catch (error) {
    if (error !== ROLLBACK) {
      throw error;
    }
  }
  return statements;
}

/**
 * `EXPLAIN (ANALYZE, BUFFERS)` of each statement on PostgreSQL, replayed in order inside one
 * transaction that is rolled back (so writes are measured against the state they met and undone).
 * Statements with the same SQL text are explained once, with their first bindings.
 */
export async function explainPostgres(
  connection: ClientConfig,
  statements: Statement[],
): Promise<ExplainedStatement[]> {
  const client = new Client(connection);
  await client.connect();
  try {
    const { rows: sizes } = await client.query(
      `SELECT relname, reltuples::bigint AS rows FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace`,
    );
    const rowsOf = new Map<string, number>(
      sizes.map(r => [r.relname as string, Number(r.rows)]),
    );
    const seen = new Set<string>();
    const result: ExplainedStatement[] = [];
    await client.query('BEGIN');
    try {
      for (const statement of statements) {
        const start = process.hrtime.bigint();
        let plan: string;
        await client.query('SAVEPOINT explain');
        try {
          const { rows } = await client.query(
            `EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`,
            statement.bindings as unknown[],
          );
          plan = rows.map(r => r['QUERY PLAN'] as string).join('\n');
          await client.query('RELEASE SAVEPOINT explain');
        } catch (error) {
          // Not explainable: run it as it is, so that the statements after it meet the same state.
          await client.query('ROLLBACK TO SAVEPOINT explain');
          await client.query(statement.sql, statement.bindings as unknown[]);
          plan = `(not explainable: ${(error as Error).message})`;
        }
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        if (seen.has(statement.sql)) {
          continue;
        }
        seen.add(statement.sql);
        result.push({
          ...statement,
          plan,
          ms,
          seqScans: seqScansIn(plan, rowsOf),
        });
      }
    } finally {
      await client.query('ROLLBACK');
    }
    return result;
  } finally {
    await client.end();
  }
}

/** The large tables a PostgreSQL plan reads with a sequential scan. */
export function seqScansIn(
  plan: string,
  rowsOf: Map<string, number>,
): Array<{ table: string; rows: number }> {
  const found = new Map<string, number>();
  for (const match of plan.matchAll(/Seq Scan on (\w+)/g)) {
    const rows = rowsOf.get(match[1]) ?? 0;
    if (rows > LARGE_TABLE_ROWS) {
      found.set(match[1], rows);
    }
  }
  return [...found].map(([table, rows]) => ({ table, rows }));
}

/**
 * The work a PostgreSQL `EXPLAIN (ANALYZE, BUFFERS)` plan did: the shared buffers (8 KiB pages)
 * its top node touched, hit in the cache or read, which include every node below it, and its
 * execution time. Pages touched depend on the data and the plan, not on how busy the machine is:
 * they show how a request's work grows with the installation where latencies are noisy.
 * Undefined for a plan that is not an ANALYZE plan (SQLite's, or one that was not explainable).
 */
export function planWork(
  plan: string,
): { buffers: number; executionMs: number } | undefined {
  const execution = /^Execution Time: ([\d.]+) ms$/m.exec(plan);
  if (!execution) {
    return undefined;
  }
  const lines = plan.split('\n');
  let buffers = 0;
  // The top node's own lines are indented by two spaces, up to its first child (`->`) or the
  // planning section; a node that touched no page has no Buffers line.
  for (const line of lines.slice(1)) {
    if (/^\s*->/.test(line) || !line.startsWith('  ')) {
      break;
    }
    const m = /^ {2}Buffers: shared(.*)$/.exec(line);
    if (m) {
      for (const kind of m[1].matchAll(/\b(hit|read)=(\d+)/g)) {
        buffers += Number(kind[2]);
      }
      break;
    }
  }
  return { buffers, executionMs: Number(execution[1]) };
}

/** The indexes a plan reads (PostgreSQL's and SQLite's plan texts). */
export function indexesIn(plan: string): string[] {
  const found = new Set<string>();
  for (const match of plan.matchAll(
    /(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)/g,
  )) {
    found.add(match[1]);
  }
  for (const match of plan.matchAll(/USING (?:COVERING )?INDEX (\w+)/g)) {
    found.add(match[1]);
  }
  return [...found];
}

/** `EXPLAIN QUERY PLAN` of each distinct statement on SQLite (SQLite has no ANALYZE variant). */
export async function explainSqlite(
  knex: Knex,
  statements: Statement[],
): Promise<ExplainedStatement[]> {
  const counts = new Map<string, number>();
  const rowsOf = async (table: string) => {
    if (!counts.has(table)) {
      const exists = await knex.raw(
        `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`,
        [table],
      );
      counts.set(
        table,
        exists.length > 0
          ? Number((await knex(table).count({ n: '*' }))[0].n)
          : 0,
      );
    }
    return counts.get(table)!;
  };
  const seen = new Set<string>();
  const result: ExplainedStatement[] = [];
  for (const statement of statements) {
    if (seen.has(statement.sql)) {
      continue;
    }
    seen.add(statement.sql);
    const start = process.hrtime.bigint();
    const rows: Array<{ id: number; parent: number; detail: string }> =
      await knex.raw(
        `EXPLAIN QUERY PLAN ${statement.sql}`,
        statement.bindings as Knex.RawBinding[],
      );
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const plan = rows.map(r => r.detail).join('\n');
    const seqScans: Array<{ table: string; rows: number }> = [];
    const aliases = sqliteAliases(statement.sql);
    for (const line of plan.split('\n')) {
      const words = line.trim().split(/\s+/);
      if (words[0] !== 'SCAN' || line.includes(' USING ')) {
        continue;
      }
      const table = aliases.get(words[1]) ?? words[1];
      const size = await rowsOf(table);
      if (size > LARGE_TABLE_ROWS && !seqScans.some(s => s.table === table)) {
        seqScans.push({ table, rows: size });
      }
    }
    result.push({ ...statement, plan, ms, seqScans });
  }
  return result;
}

/** Aliases of the tables a knex-built SQLite statement reads (`from \`t\` as \`a\``). */
function sqliteAliases(sql: string): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const match of sql.matchAll(
    /(?:from|join)\s+`(\w+)`(?:\s+as\s+`(\w+)`)?/gi,
  )) {
    aliases.set(match[2] ?? match[1], match[1]);
  }
  return aliases;
}

/** A plan file: each statement, its bindings and its plan. */
export function formatExplainFile(
  title: string,
  explained: ExplainedStatement[],
): string {
  const parts = [`# ${title}`, `# ${explained.length} distinct statements`, ''];
  explained.forEach((e, i) => {
    const bindings = JSON.stringify(e.bindings);
    parts.push(
      `-- [${i + 1}] ${
        e.seqScans.length > 0
          ? `SEQUENTIAL SCAN of ${e.seqScans
              .map(s => `${s.table} (${s.rows} rows)`)
              .join(', ')}`
          : 'no sequential scan of a large table'
      }`,
      e.sql,
      `-- bindings: ${
        bindings.length > 600 ? `${bindings.slice(0, 600)}…` : bindings
      }`,
      e.plan,
      '',
    );
  });
  return parts.join('\n');
}
