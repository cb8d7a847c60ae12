import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  applyMigrations,
  DatabaseStores,
  rederiveRunningComponents,
} from '@release-orchestration/plugin-release-orchestration-backend/src/database/DatabaseStores';
import { DoraFactRecorder } from '@release-orchestration/plugin-release-orchestration-backend/src/service/dora/DoraFactRecorder';
import { syncDoraFacts } from '@release-orchestration/plugin-release-orchestration-backend/src/service/dora/syncDoraFacts';
import { PRODUCTION } from '../backend/benchConfig';
import { ScalePlan } from '../model/scalePlan';
import { benchDir } from '../paths';
import { DEFAULT_POSTGRES_URL, pgConfig, withServer } from './connection';
import { savePristineCopy } from './pristineCopy';
import { writeInstallation } from './writeInstallation';
import {
  auditEventsAtScale,
  benchAuditKeyring,
  writeAuditChain,
} from './writeAuditChain';
import { AuditService } from '@release-orchestration/plugin-release-orchestration-backend/src/service/AuditService';

/** Which database a bench installation lives in. */
export type BenchDatabase = 'postgres' | 'sqlite';

/**
 * How the DORA roll-ups are filled: `generate` (the generator writes them, then the plugin's
 * catch-up brings them to its current definitions), `sync` (left empty, then rebuilt by the
 * plugin's own catch-up, one deployment at a time), or `none`.
 */
export type RollupOption = 'generate' | 'sync' | 'none';

/** What `bench:data` loaded, kept beside the results so `bench` knows the installation. */
export interface DataManifest {
  database: BenchDatabase;
  target: string;
  plan: ScalePlan;
  rollups: RollupOption;
  counts: Record<string, number>;
  rows: number;
  seconds: {
    write: number;
    analyze: number;
    foreignKeyCheck: number;
    rollupSync?: number;
    auditChain?: number;
    auditCheckpoint?: number;
    /** Saving the pristine copy (PostgreSQL). */
    pristineCopy?: number;
    total: number;
  };
  loadedAt: string;
  /**
   * PostgreSQL: the database holding the installation as loaded, which `npm run bench` copies
   * back before it measures ({@link restorePristineCopy}).
   */
  pristine?: string;
}

/** The same PostgreSQL database (server, port and name) in two connection strings. */
export function samePostgresDatabase(a: string, b: string): boolean {
  const x = pgConfig(a);
  const y = pgConfig(b);
  return x.host === y.host && x.port === y.port && x.database === y.database;
}

/**
 * Where the manifest of a database's installation is written: `bench/results/data-<db>.json` for
 * the default database (the committed record of the reference run), `bench/.data/manifests/` for
 * any other `--postgres` database, so that loading one does not replace another's manifest.
 */
export function manifestPath(database: BenchDatabase, target?: string) {
  if (
    database === 'postgres' &&
    target &&
    !samePostgresDatabase(target, DEFAULT_POSTGRES_URL)
  ) {
    return benchDir(
      '.data',
      'manifests',
      `data-postgres-${pgConfig(target).database}.json`,
    );
  }
  return benchDir('results', `data-${database}.json`);
}

/**
 * The manifest of the installation loaded into a database, if any; for PostgreSQL only one whose
 * target is `target` (a manifest of another database is never taken for it).
 */
export function readManifest(
  database: BenchDatabase,
  target?: string,
): DataManifest | undefined {
  for (const file of new Set([
    manifestPath(database, target),
    manifestPath(database),
  ])) {
    if (!fs.existsSync(file)) {
      continue;
    }
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as DataManifest;
    if (
      database !== 'postgres' ||
      !target ||
      samePostgresDatabase(manifest.target, target)
    ) {
      return manifest;
    }
  }
  return undefined;
}

/** A knex connection to a bench database. */
export function openBenchDatabase(
  database: BenchDatabase,
  target: string,
): Knex {
  return database === 'postgres'
    ? knexFactory({
        client: 'pg',
        connection: pgConfig(target) as Knex.PgConnectionConfig,
        pool: { min: 0, max: 8 },
      })
    : knexFactory({
        client: 'better-sqlite3',
        connection: { filename: target },
        useNullAsDefault: true,
      });
}

/**
 * `running_components` is derived from the deployment history by its migration's backfill: undo
 * and re-apply that migration now the history is written, as an upgrading installation would.
 */
async function rebuildRunningState(knex: Knex) {
  const t = Date.now();
  await rederiveRunningComponents(knex);
  await knex.raw('ANALYZE running_components');
  process.stderr.write(
    `bench:data: running_components rebuilt by its migration in ${
      (Date.now() - t) / 1000
    }s\n`,
  );
}

/**
 * Releases' manifest digests are backfilled by their migration (`20261206060000_release_digest`):
 * undo and re-apply it now the releases are written, as an upgrading installation would.
 */
async function backfillReleaseDigests(knex: Knex) {
  const t = Date.now();
  await knex.migrate.down({
    directory: resolvePackagePath(
      '@release-orchestration/plugin-release-orchestration-backend',
      'migrations',
    ),
    name: '20261206060000_release_digest.js',
  });
  await applyMigrations(knex);
  await knex.raw('ANALYZE releases');
  process.stderr.write(
    `bench:data: release digests backfilled by their migration in ${
      (Date.now() - t) / 1000
    }s\n`,
  );
}

/** Rebuilds the roll-ups the way a running plugin catches up: its own `syncDoraFacts`. */
export async function syncRollupsWithPlugin(knex: Knex) {
  return syncDoraFacts({
    stores: DatabaseStores.fromKnex(knex),
    recorder: new DoraFactRecorder(PRODUCTION),
    batchSize: 500,
  });
}

/**
 * Writes the installation's audit chain (a million events at scale 1, keyed with the bench
 * backend's key), then has the plugin's own checkpoint code (`AuditService.takeCheckpoint`, the
 * scheduled task's) verify the whole chain and store a signed checkpoint of its head, as a running
 * installation's checkpoint task leaves it. A chain that does not verify stops the load.
 */
async function writeBenchAuditChain(
  knex: Knex,
  plan: ScalePlan,
  org: { systems: Array<{ components: Array<{ ref: string }> }> },
  progress: boolean,
) {
  const count = auditEventsAtScale(plan.scale);
  const written = await writeAuditChain(knex, {
    count,
    entityRefs: org.systems.flatMap(s => s.components.map(c => c.ref)),
    from: new Date(plan.start).toISOString(),
    to: new Date(plan.end).toISOString(),
  });
  const t = Date.now();
  const checkpoint = await new AuditService(DatabaseStores.fromKnex(knex), {
    keyring: benchAuditKeyring(),
  }).takeCheckpoint();
  const checkpointSeconds = (Date.now() - t) / 1000;
  if (!checkpoint || checkpoint.sequence !== written.headSequence) {
    throw new Error(
      `the generated audit chain did not verify (no checkpoint at ${written.headSequence})`,
    );
  }
  if (progress) {
    process.stderr.write(
      `bench:data: audit chain of ${count} events written in ${written.seconds}s; verified and checkpointed at ${checkpoint.sequence} by the plugin in ${checkpointSeconds}s\n`,
    );
  }
  return { events: count, seconds: written.seconds, checkpointSeconds };
}

/**
 * Recreates a bench database (dropping the old one), migrates it with the plugin's migrations
 * and loads a generated installation into it; writes its manifest.
 */
export async function loadDatabase(options: {
  database: BenchDatabase;
  target: string;
  plan: ScalePlan;
  rollups: RollupOption;
  /** Where to write the manifest (default: {@link manifestPath} of the database and target). */
  manifestFile?: string;
  /** No progress lines (a small installation). */
  quiet?: boolean;
  /**
   * PostgreSQL: also save the pristine copy that `npm run bench` restores before it measures
   * (the reference installation; the scale and soak databases are measured once per load).
   */
  savePristine?: boolean;
}): Promise<DataManifest> {
  const { database, target, plan, rollups } = options;
  const manifestFile = options.manifestFile ?? manifestPath(database, target);
  const started = Date.now();
  if (database === 'postgres') {
    await withServer(target, async (client, name) => {
      const quoted = client.escapeIdentifier(name);
      await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${quoted}`);
    });
  } else {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    for (const suffix of ['', '-wal', '-shm', '-journal']) {
      fs.rmSync(`${target}${suffix}`, { force: true });
    }
  }
  const knex = openBenchDatabase(database, target);
  try {
    await applyMigrations(knex);
    const result = await writeInstallation(knex, plan, {
      rollups: rollups === 'generate' ? 'generate' : 'none',
      progress: !options.quiet,
      label: `bench:data ${database}`,
    });
    await rebuildRunningState(knex);
    await backfillReleaseDigests(knex);
    const audit = await writeBenchAuditChain(
      knex,
      plan,
      result.org,
      !options.quiet,
    );
    let rollupSync: number | undefined;
    if (rollups !== 'none') {
      // With generated roll-ups this records nothing and moves them to the plugin's current DORA
      // definitions (failure per failed deployment, rework, commit data): the one-time rebuild an
      // upgraded installation's catch-up does, finished before anything is measured.
      const t = Date.now();
      const recorded = await syncRollupsWithPlugin(knex);
      // The refresh rewrote every fact: vacuumed and analysed as autovacuum would leave them.
      await knex.raw(
        database === 'postgres'
          ? 'VACUUM (ANALYZE) dora_deployment_facts'
          : 'ANALYZE dora_deployment_facts',
      );
      rollupSync = (Date.now() - t) / 1000;
      process.stderr.write(
        `bench:data ${database}: the plugin's syncDoraFacts recorded ${recorded} deployments and refreshed the definitions in ${rollupSync}s\n`,
      );
    }
    let pristine: { name: string; seconds: number } | undefined;
    if (database === 'postgres' && options.savePristine) {
      // The copy is taken from a database nobody is connected to.
      await knex.destroy();
      const t = Date.now();
      const name = await savePristineCopy(target);
      pristine = { name, seconds: (Date.now() - t) / 1000 };
      if (!options.quiet) {
        process.stderr.write(
          `bench:data postgres: pristine copy ${name} saved in ${pristine.seconds}s; npm run bench starts from it\n`,
        );
      }
    }
    const manifest: DataManifest = {
      database,
      target,
      plan,
      rollups,
      counts: { ...result.counts, audit_events: audit.events },
      rows: result.rows + audit.events,
      seconds: {
        ...result.seconds,
        auditChain: audit.seconds,
        auditCheckpoint: audit.checkpointSeconds,
        ...(rollupSync !== undefined ? { rollupSync } : {}),
        ...(pristine ? { pristineCopy: pristine.seconds } : {}),
        total: (Date.now() - started) / 1000,
      },
      loadedAt: new Date().toISOString(),
      ...(pristine ? { pristine: pristine.name } : {}),
    };
    fs.mkdirSync(path.dirname(manifestFile), { recursive: true });
    fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    await knex.destroy();
  }
}
