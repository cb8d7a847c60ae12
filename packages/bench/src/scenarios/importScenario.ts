import { ImportRecord } from '@release-orchestration/plugin-release-orchestration-common';
import { Knex } from 'knex';
import {
  applyMigrations,
  DatabaseStores,
} from '@release-orchestration/plugin-release-orchestration-backend/src/database/DatabaseStores';
import { BuildService } from '@release-orchestration/plugin-release-orchestration-backend/src/service/BuildService';
import { ConfigReader } from '@backstage/config';
import { readEnvironments } from '@release-orchestration/plugin-release-orchestration-backend/src/config/readEnvironments';
import { readNamedPolicies } from '@release-orchestration/plugin-release-orchestration-backend/src/config/readNamedPolicies';
import { readImportParallelism } from '@release-orchestration/plugin-release-orchestration-backend/src/config/readImportParallelism';
import {
  CatalogGateway,
  PolicyCatalog,
} from '@release-orchestration/plugin-release-orchestration-backend/src/service/CatalogGateway';
import { createPromotionServices } from '@release-orchestration/plugin-release-orchestration-backend/src/service/createPromotionServices';
import { DeploymentService } from '@release-orchestration/plugin-release-orchestration-backend/src/service/DeploymentService';
import { DoraCatchUp } from '@release-orchestration/plugin-release-orchestration-backend/src/service/dora/DoraCatchUp';
import { DoraFactRecorder } from '@release-orchestration/plugin-release-orchestration-backend/src/service/dora/DoraFactRecorder';
import { EventPublisher } from '@release-orchestration/plugin-release-orchestration-backend/src/service/EventPublisher';
import { IncidentService } from '@release-orchestration/plugin-release-orchestration-backend/src/service/incidents/IncidentService';
import { IngestService } from '@release-orchestration/plugin-release-orchestration-backend/src/service/ingest/IngestService';
import { silentLogger } from './benchServices';

const LANES = ['dev', 'staging', 'production'];

/** A catalog of `systems` Systems with `perSystem` components each, answered from memory. */
function benchImportCatalog(
  systems: number,
  perSystem: number,
): CatalogGateway & PolicyCatalog {
  const systemOf = (componentRef: string) => {
    const match = /^component:default\/c(\d+)-\d+$/.exec(componentRef);
    return match && Number(match[1]) < systems
      ? `system:default/s${match[1]}`
      : undefined;
  };
  const components = (systemRef: string) => {
    const s = /^system:default\/s(\d+)$/.exec(systemRef)?.[1];
    return s === undefined
      ? undefined
      : Array.from({ length: perSystem }, (_, c) => ({
          componentRef: `component:default/c${s}-${c}`,
        }));
  };
  return {
    async getSystemComponents(systemRef) {
      return components(systemRef);
    },
    async listSystems() {
      return Array.from({ length: systems }, (_, s) => `system:default/s${s}`);
    },
    async getComponentSystem(componentRef) {
      const systemRef = systemOf(componentRef);
      return systemRef ? { systemRef } : undefined;
    },
    async getOwnedSystems(entityRef) {
      return components(entityRef) ? [entityRef] : undefined;
    },
    async getSystemAnnotations(systemRef) {
      return components(systemRef) ? {} : undefined;
    },
    async getGroupMembers() {
      return [];
    },
  };
}

/**
 * The records of a history import: per component version a build, its deployments to the
 * three lanes, and an incident for one production deployment in fifty.
 */
export function importRecords(
  count: number,
  options: {
    systems: number;
    perSystem: number;
    run: string;
    /** The catalog's refs (default: component:default/c<s>-<c>, system:default/s<s>). */
    refs?: {
      component(system: number, index: number): string;
      system(system: number): string;
    };
  },
): ImportRecord[] {
  const records: ImportRecord[] = [];
  const start = Date.parse('2025-01-01T00:00:00Z');
  for (let i = 0; records.length < count; i++) {
    const s = i % options.systems;
    const index = Math.floor(i / options.systems) % options.perSystem;
    const component = options.refs
      ? options.refs.component(s, index)
      : `component:default/c${s}-${index}`;
    const version = `1.${i}.0-${options.run}`;
    const at = (offset: number) =>
      new Date(start + i * 60_000 + offset).toISOString();
    const sha = (i * 2654435761)
      .toString(16)
      .padStart(8, '0')
      .slice(-8)
      .padEnd(40, 'a');
    records.push({
      kind: 'build',
      report: {
        component,
        version,
        artifactUri: `registry.example/c:${version}`,
        artifactDigest: `sha256:${sha}${sha.slice(0, 24)}`,
        commitSha: sha,
        commitTime: at(0),
      },
    });
    for (const [l, lane] of LANES.entries()) {
      records.push({
        kind: 'deployment',
        report: {
          idempotencyKey: `import-${options.run}-${i}-${lane}`,
          environment: lane,
          component,
          version,
          status: 'succeeded',
          startedAt: at(1000 + l * 5000),
          finishedAt: at(3000 + l * 5000),
          rollback: false,
          hotfix: false,
        },
      });
    }
    if (i % 50 === 0) {
      records.push({
        kind: 'incident',
        report: {
          source: 'bench',
          externalId: `${options.run}-${i}`,
          system: options.refs
            ? options.refs.system(s)
            : `system:default/s${s}`,
          environment: 'production',
          title: 'Bench incident',
          openedAt: at(30_000),
          resolvedAt: at(90_000),
        },
      });
    }
  }
  return records.slice(0, count);
}

/** The System a record of {@link importRecords} reports on (`c<s>-<c>` is part of `s<s>`). */
function systemKeyOf(record: ImportRecord): string {
  const report = record.report as { component?: string; system?: string };
  const ref = report.system ?? report.component ?? '';
  return (
    /^(?:system:default\/s|component:default\/c)(\d+)/.exec(ref)?.[1] ?? ref
  );
}

/**
 * `records` as `streams` lists, each holding every record of its Systems in their order, so that
 * no two streams report on one System (no stream waits on another's System lock).
 */
export function splitBySystem(
  records: ImportRecord[],
  streams: number,
): ImportRecord[][] {
  const result: ImportRecord[][] = Array.from({ length: streams }, () => []);
  const streamOf = new Map<string, number>();
  for (const record of records) {
    const key = systemKeyOf(record);
    let stream = streamOf.get(key);
    if (stream === undefined) {
      stream = streamOf.size % streams;
      streamOf.set(key, stream);
    }
    result[stream].push(record);
  }
  return result;
}

/** What one import measurement did. */
export interface ImportMeasurement {
  records: number;
  seconds: number;
  recordsPerSecond: number;
  /** CPU time of this process (user + system) during the import: on a busy machine, the fairer figure. */
  cpuSeconds: number;
  recordsPerCpuSecond: number;
  /** SQL statements sent during the import (BEGIN/COMMIT included): independent of load. */
  statements: number;
  statementsPerRecord: number;
  /** The statements by their first words, most frequent first (top 15). */
  statementKinds: Record<string, number>;
  /**
   * Milliseconds from sending to the answer, summed by the same kinds, longest first (top 15):
   * where the wall time waiting for the database goes.
   */
  statementMilliseconds: Record<string, number>;
  outcomes: Record<string, number>;
  /**
   * The DORA catch-up after the import (the import defers the roll-ups of its production
   * deployments, as `POST /import` does): how many it recorded and how long it took.
   */
  doraCatchUp: { deployments: number; seconds: number; statements: number };
}

/** Counts the statements a knex instance sends while `counting` is true. */
function countStatements(knex: Knex) {
  const kinds = new Map<string, number>();
  const milliseconds = new Map<string, number>();
  const sent = new Map<string, { key: string; at: number }>();
  let total = 0;
  let counting = false;
  const answered = (_: unknown, query: { __knexQueryUid?: string }) => {
    const uid = query.__knexQueryUid;
    const start = uid ? sent.get(uid) : undefined;
    if (!uid || !start) return;
    sent.delete(uid);
    milliseconds.set(
      start.key,
      (milliseconds.get(start.key) ?? 0) + performance.now() - start.at,
    );
  };
  knex.on('query-response', answered);
  knex.on('query-error', answered);
  knex.on('query', (query: { sql?: string; __knexQueryUid?: string }) => {
    if (!counting) return;
    total += 1;
    const sql = (query.sql ?? '').replace(/\s+/g, ' ').trim();
    const kind =
      /^(insert into|update|delete from|select .*? from) ("?[\w.]+"?)/i.exec(
        sql,
      );
    const key = kind
      ? `${kind[1].split(' ')[0].toLowerCase()} ${kind[2].replace(/"/g, '')}`
      : sql.split(' ').slice(0, 2).join(' ').toLowerCase();
    kinds.set(key, (kinds.get(key) ?? 0) + 1);
    if (query.__knexQueryUid) {
      sent.set(query.__knexQueryUid, { key, at: performance.now() });
    }
  });
  return {
    start() {
      counting = true;
    },
    stop() {
      counting = false;
      return {
        total,
        kinds: Object.fromEntries(
          [...kinds.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15),
        ),
        milliseconds: Object.fromEntries(
          [...milliseconds.entries()]
            .sort((a, b) => b[1] - a[1])
            .slice(0, 15)
            .map(([key, ms]) => [key, Math.round(ms)]),
        ),
      };
    },
  };
}

/**
 * Imports `count` records through the plugin's ingest service (the path of `POST /import`
 * without HTTP and JSON parsing), in requests of `perRequest` records, into a migrated database.
 */
export async function measureImport(
  knex: Knex,
  options: {
    count: number;
    perRequest: number;
    systems: number;
    perSystem: number;
    /**
     * Request streams sent at the same time, each with the records of its own Systems in their
     * order (what a migration client sending several requests at once does); default 1.
     */
    streams?: number;
    /**
     * Transactions the ingest service runs at once over different Systems on PostgreSQL
     * (`releaseOrchestration.import.parallelism`); default the plugin's.
     */
    parallelism?: number;
  },
): Promise<ImportMeasurement> {
  await applyMigrations(knex);
  const stores = DatabaseStores.fromKnex(knex);
  const catalog = benchImportCatalog(options.systems, options.perSystem);
  const events = new EventPublisher([], silentLogger);
  const config = new ConfigReader({
    releaseOrchestration: {
      environments: LANES.map(name => ({ name })),
      ...(options.parallelism !== undefined
        ? { import: { parallelism: options.parallelism } }
        : {}),
    },
  });
  const environments = readEnvironments(config);
  const { promotions } = createPromotionServices({
    stores,
    environments,
    policies: readNamedPolicies(config, environments),
    catalog,
    events,
    logger: silentLogger,
  });
  const deployments = new DeploymentService(
    stores,
    catalog,
    LANES,
    promotions,
    events,
  );
  const recorder = new DoraFactRecorder('production');
  deployments.observe(recorder);
  const catchUp = new DoraCatchUp({
    stores,
    recorder,
    events,
    logger: silentLogger,
  });
  const ingest = new IngestService(
    {
      stores,
      catalog,
      events,
      logger: silentLogger,
      builds: new BuildService(stores, catalog, events),
      deployments,
      incidents: new IncidentService(
        stores,
        catalog,
        LANES,
        'production',
        events,
      ),
    },
    // As the plugin reads it: its default where transactions can write at once, else 1.
    { parallelism: readImportParallelism(config, stores.concurrentWriters) },
  );
  const records = importRecords(options.count, {
    ...options,
    run: Date.now().toString(36),
  });
  const outcomes: Record<string, number> = {};
  const counter = countStatements(knex);
  counter.start();
  const cpuFrom = process.cpuUsage();
  const from = process.hrtime.bigint();
  await Promise.all(
    splitBySystem(records, options.streams ?? 1).map(async stream => {
      for (let i = 0; i < stream.length; i += options.perRequest) {
        const results = await ingest.ingest(
          stream.slice(i, i + options.perRequest),
          { actor: 'service:bench', source: 'import', deferDora: true },
        );
        for (const result of results) {
          const key =
            result.outcome === 'rejected'
              ? `rejected ${result.status}: ${result.error.slice(0, 80)}`
              : result.outcome;
          outcomes[key] = (outcomes[key] ?? 0) + 1;
        }
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - from) / 1e9;
  const cpu = process.cpuUsage(cpuFrom);
  const statements = counter.stop();
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const catchUpCounter = countStatements(knex);
  catchUpCounter.start();
  const catchUpFrom = process.hrtime.bigint();
  const caughtUp = await catchUp.run();
  const catchUpSeconds = Number(process.hrtime.bigint() - catchUpFrom) / 1e9;
  const catchUpStatements = catchUpCounter.stop().total;
  return {
    records: records.length,
    seconds,
    recordsPerSecond: Math.round(records.length / seconds),
    cpuSeconds,
    recordsPerCpuSecond: Math.round(records.length / cpuSeconds),
    statements: statements.total,
    statementsPerRecord:
      Math.round((statements.total / records.length) * 1000) / 1000,
    statementKinds: statements.kinds,
    statementMilliseconds: statements.milliseconds,
    outcomes,
    doraCatchUp: {
      deployments: caughtUp,
      seconds: Math.round(catchUpSeconds * 1000) / 1000,
      statements: catchUpStatements,
    },
  };
}
