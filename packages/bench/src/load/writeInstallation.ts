import type { Database } from 'better-sqlite3';
import { Knex } from 'knex';
import { isPostgres } from '@release-orchestration/plugin-release-orchestration-backend/src/database/dialect';
import {
  generateInstallation,
  RollupMode,
} from '../model/generateInstallation';
import { Org } from '@release-orchestration/demo-data';
import { ScalePlan } from '../model/scalePlan';
import { ROLLUP_TABLES, RowSink, TABLE_NAMES } from '../model/tables';
import { pgConfigOfKnex } from './connection';
import { CountingSink } from './CountingSink';
import { PgCopySink } from './PgCopySink';
import { Progress } from './Progress';
import { SqliteSink } from './SqliteSink';

/** What a load wrote and how long each step took. */
export interface LoadResult {
  org: Org;
  counts: Record<string, number>;
  rows: number;
  seconds: { write: number; analyze: number; foreignKeyCheck: number };
}

/** Rows per build, measured at scale 0.1, for the progress bar's estimate. */
const ROWS_PER_BUILD = { generate: 9.1, none: 6.6 };

/**
 * Generates an installation into an already migrated, empty plugin database: PostgreSQL with
 * COPY streams, SQLite with prepared statements in transactions. Then refreshes the planner's
 * statistics and checks every foreign key.
 */
export async function writeInstallation(
  knex: Knex,
  plan: ScalePlan,
  options: { rollups?: RollupMode; progress?: boolean; label?: string } = {},
): Promise<LoadResult> {
  const rollups = options.rollups ?? 'generate';
  const tables =
    rollups === 'none'
      ? TABLE_NAMES.filter(t => !ROLLUP_TABLES.includes(t))
      : TABLE_NAMES;
  const progress = options.progress
    ? new Progress(
        options.label ?? 'bench:data',
        plan.builds * ROWS_PER_BUILD[rollups],
      )
    : undefined;
  const started = Date.now();
  const postgres = isPostgres(knex);
  let sqlite: Database | undefined;
  let target: RowSink;
  if (postgres) {
    target = await PgCopySink.open(pgConfigOfKnex(knex), tables);
  } else {
    sqlite = (await knex.client.acquireConnection()) as Database;
    sqlite.pragma('synchronous = OFF');
    target = new SqliteSink(sqlite);
  }
  let systems = '';
  const sink = new CountingSink(target, total =>
    progress?.update(total, systems),
  );
  let org: Org;
  try {
    org = await generateInstallation(plan, sink, {
      rollups,
      onSystem: (done, total) => {
        systems = `systems ${done}/${total}`;
      },
    });
    await sink.close();
  } finally {
    if (sqlite) {
      sqlite.pragma('synchronous = FULL');
      await knex.client.releaseConnection(sqlite);
    }
  }
  progress?.finish(sink.total, systems);
  const written = Date.now();
  if (postgres) {
    await knex.raw('VACUUM (ANALYZE)');
  } else {
    await knex.raw('ANALYZE');
  }
  const analyzed = Date.now();
  await checkForeignKeys(knex);
  return {
    org,
    counts: sink.toJSON(),
    rows: sink.total,
    seconds: {
      write: (written - started) / 1000,
      analyze: (analyzed - written) / 1000,
      foreignKeyCheck: (Date.now() - analyzed) / 1000,
    },
  };
}

/** Throws when any foreign key of the plugin's tables points at a missing row. */
export async function checkForeignKeys(knex: Knex) {
  if (!isPostgres(knex)) {
    const broken = await knex.raw('PRAGMA foreign_key_check');
    if (broken.length > 0) {
      throw new Error(
        `foreign keys broken: ${JSON.stringify(broken.slice(0, 5))}`,
      );
    }
    return;
  }
  const { rows } = await knex.raw(`
    SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
           (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attnum = c.conkey[1]) AS child_column,
           (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.confrelid AND a.attnum = c.confkey[1]) AS parent_column
    FROM pg_constraint c
    WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace AND cardinality(c.conkey) = 1`);
  for (const fk of rows as Array<Record<string, string>>) {
    const { rows: missing } = await knex.raw(
      `SELECT count(*)::int AS n FROM ?? c WHERE c.?? IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ?? p WHERE p.?? = c.??)`,
      [fk.child, fk.child_column, fk.parent, fk.parent_column, fk.child_column],
    );
    if (missing[0].n > 0) {
      throw new Error(
        `${missing[0].n} rows of ${fk.child}.${fk.child_column} point at no ${fk.parent}.${fk.parent_column}`,
      );
    }
  }
}
