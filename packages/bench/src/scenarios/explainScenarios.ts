import fs from 'node:fs';
import { Knex } from 'knex';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { isPostgres } from '@release-orchestration/plugin-release-orchestration-backend/src/database/dialect';
import { pgConfigOfKnex } from '../load/connection';
import {
  captureStatements,
  explainPostgres,
  explainSqlite,
  formatExplainFile,
  indexesIn,
  planWork,
} from '../measure/explain';
import path from 'node:path';
import { benchDir, repoRoot } from '../paths';
import { createBenchServices } from './benchServices';
import { Scenario } from './engineScenarios';

/** The plans of every request path's statements, written to bench/results/explain. */
export interface ExplainSummary {
  files: string[];
  statements: number;
  seqScans: Array<{
    scenario: string;
    table: string;
    rows: number;
    sql: string;
  }>;
  /** Every index of the plugin's tables, with the request paths whose plans read it. */
  indexes: Array<{ index: string; table: string; scenarios: string[] }>;
  /**
   * Per request path (PostgreSQL): its distinct statements' shared pages touched and execution
   * time, summed, from their ANALYZE plans (see {@link planWork}).
   */
  work?: ExplainWork[];
}

/** The work of one request path's distinct statements, from their ANALYZE plans. */
export interface ExplainWork {
  scenario: string;
  statements: number;
  buffers: number;
  executionMs: number;
}

/**
 * Runs each scenario once inside a rolled-back transaction to record its statements, then
 * explains them: `EXPLAIN (ANALYZE, BUFFERS)` replayed in order on PostgreSQL (warm, after the
 * latency runs), `EXPLAIN QUERY PLAN` on SQLite. Writes one file per scenario.
 */
export async function explainScenarios(
  knex: Knex,
  catalog: CatalogService,
  scenarios: Scenario[],
  database: string,
  /** Where the plans are written (default bench/results/explain). */
  dir: string = benchDir('results', 'explain'),
): Promise<ExplainSummary> {
  fs.mkdirSync(dir, { recursive: true });
  const summary: ExplainSummary = {
    files: [],
    statements: 0,
    seqScans: [],
    indexes: [],
    work: [],
  };
  const usedBy = new Map<string, Set<string>>();
  for (const scenario of scenarios) {
    const statements = await captureStatements(knex, async trx => {
      await scenario.run(createBenchServices(trx, catalog));
    });
    const explained = isPostgres(knex)
      ? await explainPostgres(pgConfigOfKnex(knex), statements)
      : await explainSqlite(knex, statements);
    const file = `${database}-${scenario.id}.txt`;
    fs.writeFileSync(
      `${dir}/${file}`,
      formatExplainFile(
        `${scenario.title} — ${database}, ${statements.length} statements sent`,
        explained,
      ),
    );
    summary.files.push(
      path.relative(repoRoot(), path.join(dir, file)).split(path.sep).join('/'),
    );
    summary.statements += explained.length;
    const work = explained.map(e => planWork(e.plan));
    if (work.length > 0 && work.every(w => w !== undefined)) {
      summary.work!.push({
        scenario: scenario.id,
        statements: explained.length,
        buffers: work.reduce((n, w) => n + w!.buffers, 0),
        executionMs:
          Math.round(work.reduce((n, w) => n + w!.executionMs, 0) * 1000) /
          1000,
      });
    }
    for (const e of explained) {
      for (const index of indexesIn(e.plan)) {
        usedBy.set(index, (usedBy.get(index) ?? new Set()).add(scenario.id));
      }
      for (const scan of e.seqScans) {
        summary.seqScans.push({
          scenario: scenario.id,
          table: scan.table,
          rows: scan.rows,
          sql: e.sql,
        });
      }
    }
  }
  summary.indexes = (await listIndexes(knex)).map(({ index, table }) => ({
    index,
    table,
    scenarios: [...(usedBy.get(index) ?? [])],
  }));
  return summary;
}

/** The indexes of the plugin's tables (primary keys and unique constraints included). */
export async function listIndexes(
  knex: Knex,
): Promise<Array<{ index: string; table: string }>> {
  const rows: Array<{ index: string; table: string }> = isPostgres(knex)
    ? (
        await knex.raw(
          `SELECT indexname AS index, tablename AS table FROM pg_indexes WHERE schemaname = 'public'`,
        )
      ).rows
    : await knex.raw(
        `SELECT name AS "index", tbl_name AS "table" FROM sqlite_master WHERE type = 'index'`,
      );
  return rows
    .filter(r => !/^(knex_|backstage_)/.test(r.table))
    .sort(
      (a, b) =>
        a.table.localeCompare(b.table) || a.index.localeCompare(b.index),
    );
}
