import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Knex } from 'knex';
import { AuditKeyring } from '@release-orchestration/plugin-release-orchestration-backend/src/audit/AuditKeyring';
import { verifyAuditChain } from '@release-orchestration/plugin-release-orchestration-backend/src/audit/verifyAuditChain';
import { DatabaseStores } from '@release-orchestration/plugin-release-orchestration-backend/src/database/DatabaseStores';
import {
  BenchBackend,
  MemorySample,
  startBenchBackend,
} from '../backend/startBenchBackend';
import { loadDatabase, openBenchDatabase } from '../load/loadDatabase';
import { generateOrg } from '@release-orchestration/demo-data';
import { scalePlan } from '../model/scalePlan';
import { percentile } from '../measure/percentiles';
import { benchDir } from '../paths';
import { pickSubjects } from '../scenarios/subjects';
import { checkExactlyOnce } from './exactlyOnce';
import { formatSoakDuration } from './duration';
import {
  RequestRecord,
  SoakLoad,
  SoakOperations,
  SoakTargets,
  SoakWriteKind,
} from './soakLoad';
import {
  ReplicaMinute,
  RouteStats,
  SoakMinute,
  SoakResults,
} from './soakResults';
import { latencyVerdict, memoryVerdict } from './verdict';
import { writeSoakResults } from './soakReport';

/** The soak's own database on the bench PostgreSQL server: dropped and recreated by every soak. */
export const SOAK_DATABASE = 'release_orchestration_soak';

/** The audit key the bench backend is configured with (startBenchBackend). */
const AUDIT_KEY = {
  id: 'bench',
  secret: 'release-orchestration-bench-audit-key',
};

/** Options of a soak. */
export interface SoakOptions {
  durationMs: number;
  /** Requests per second, all replicas together. */
  rate: number;
  /** Scale of the generated history it starts from. */
  scale: number;
  seed: number;
  /** The bench PostgreSQL (any database on it; the soak uses {@link SOAK_DATABASE}). */
  postgres: string;
  /** Heap snapshots of replica 1 after warm-up and after the load. */
  heapSnapshots: boolean;
  replicas: number;
  command: string;
  log(message: string): void;
}

/** A TCP port nobody listens on now (other benchmarks and tests run on the machine too). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const mib = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
const round1 = (v: number) => Math.round(v * 10) / 10;
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Latency statistics of attempts. */
export function routeStats(records: RequestRecord[]): RouteStats {
  const ms = records.map(r => r.ms).sort((a, b) => a - b);
  return {
    n: records.length,
    p50: ms.length ? round1(percentile(ms, 0.5)) : 0,
    p99: ms.length ? round1(percentile(ms, 0.99)) : 0,
    errors: records.filter(r => r.status < 200 || r.status >= 300).length,
  };
}

function byRoute(records: RequestRecord[]): Record<string, RouteStats> {
  const groups = new Map<string, RequestRecord[]>();
  for (const r of records) {
    groups.set(r.route, [...(groups.get(r.route) ?? []), r]);
  }
  return Object.fromEntries(
    [...groups]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([route, rs]) => [route, routeStats(rs)]),
  );
}

async function dbConnections(knex: Knex, names: string[]) {
  const { rows } = await knex.raw(
    `SELECT application_name AS name, count(*)::int AS total, (count(*) FILTER (WHERE state = 'active'))::int AS active
       FROM pg_stat_activity WHERE application_name = ANY(?) GROUP BY application_name`,
    [names],
  );
  return new Map<string, { total: number; active: number }>(
    rows.map((r: any) => [r.name, { total: r.total, active: r.active }]),
  );
}

async function soakTargets(
  knex: Knex,
  plan: ReturnType<typeof scalePlan>,
): Promise<SoakTargets> {
  const org = generateOrg(plan);
  const systems: SoakTargets['systems'] = [];
  for (const system of org.systems) {
    const row = await knex('releases')
      .where({ system_ref: system.ref })
      .orderBy('created_at', 'desc')
      .first('id');
    if (row) {
      systems.push({
        ref: system.ref,
        components: system.components.map(c => c.ref),
        releaseId: row.id,
      });
    }
  }
  return { systems, window: pickSubjects(org, plan).window };
}

/** Rows and creation audit events per marker of the run's writes of one kind. */
async function storedMarkers(knex: Knex, kind: SoakWriteKind, run: string) {
  const prefix = `soak-${run}-%`;
  const spec = {
    build: {
      table: 'builds',
      marker: `t.component_ref || '@' || t.version`,
      column: 'version',
      like: `3.0.0-soak.${run}.%`,
      actions: ['build.reported'],
    },
    deployment: {
      table: 'deployments',
      marker: 't.idempotency_key',
      column: 'idempotency_key',
      like: prefix,
      actions: ['deployment.succeeded', 'deployment.failed'],
    },
    incident: {
      table: 'incidents',
      marker: 't.external_id',
      column: 'external_id',
      like: prefix,
      actions: ['incident.reported'],
    },
    release: {
      table: 'releases',
      marker: `t.system_ref || '@' || t.version`,
      column: 'version',
      like: prefix,
      actions: ['release.created'],
    },
  }[kind];
  const counts = async (sql: string, bindings: unknown[]) => {
    const { rows } = await knex.raw(sql, bindings as any);
    return new Map<string, number>(
      rows.map((r: { marker: string; n: string | number }) => [
        r.marker,
        Number(r.n),
      ]),
    );
  };
  const rowCounts = await counts(
    `SELECT ${spec.marker} AS marker, count(*) AS n FROM ${spec.table} t WHERE t.${spec.column} LIKE ? GROUP BY 1`,
    [spec.like],
  );
  const eventCounts = await counts(
    `SELECT ${spec.marker} AS marker, count(*) AS n
       FROM ${
         spec.table
       } t JOIN audit_events a ON a.subject_type = ? AND a.subject_id = t.id AND a.action IN (${spec.actions
      .map(() => '?')
      .join(', ')})
      WHERE t.${spec.column} LIKE ? GROUP BY 1`,
    [kind, ...spec.actions, spec.like],
  );
  return { rowCounts, eventCounts };
}

function machine(): Record<string, string | number> {
  return {
    cpus: os.availableParallelism(),
    'cpu model': os.cpus()[0]?.model ?? 'unknown',
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    'load average at start (1, 5, 15 min)': os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(' '),
  };
}

/**
 * The soak: a fresh small installation in its own PostgreSQL database, `replicas` bench backends
 * on it, a steady mixed load for `durationMs`, a reading of every replica each minute, then the
 * exactly-once check of every write and a full verification of the audit chain.
 */
export async function runSoak(options: SoakOptions): Promise<SoakResults> {
  const { log } = options;
  const startMachine = machine();
  const url = new URL(options.postgres);
  url.pathname = `/${SOAK_DATABASE}`;
  const target = url.toString();
  const plan = scalePlan(options.scale, { seed: options.seed });
  const dataDir = benchDir('.data', 'soak');
  fs.mkdirSync(dataDir, { recursive: true });
  log(
    `soak: loading scale ${options.scale} into ${SOAK_DATABASE} (dropped and recreated)`,
  );
  const manifest = await loadDatabase({
    database: 'postgres',
    target,
    plan,
    rollups: 'generate',
    manifestFile: path.join(dataDir, 'data-postgres.json'),
    quiet: true,
  });
  log(
    `soak: ${manifest.rows.toLocaleString('en-US')} rows in ${Math.round(
      manifest.seconds.total,
    )} s`,
  );
  const knex = openBenchDatabase('postgres', target);
  const backends: BenchBackend[] = [];
  const results: Partial<SoakResults> = {};
  try {
    const targets = await soakTargets(knex, plan);
    const token = randomBytes(24).toString('base64url');
    const names = Array.from(
      { length: options.replicas },
      (_, i) => `soak-replica-${i + 1}`,
    );
    const starts: number[] = [];
    for (const [i, name] of names.entries()) {
      const t = Date.now();
      const port = await freePort();
      // One after the other: the first applies the migrations, as in a rolling start.
      backends.push(
        await startBenchBackend({
          database: 'postgres',
          target,
          plan,
          port,
          name,
          applicationName: name,
          token,
        }),
      );
      starts.push((Date.now() - t) / 1000);
      log(
        `soak: ${name} serves on port ${port} (pid ${backends[i].pid}, ${starts[i]} s)`,
      );
    }
    // The plugin's first scheduled DORA catch-up runs 20 s after start.
    await sleep(25_000);

    const run = `${Date.now().toString(36)}`;
    const operations = new SoakOperations(targets, run, options.seed);
    const load = new SoakLoad(
      backends.map(b => ({ baseUrl: b.baseUrl, token: b.token })),
      operations,
      { rate: options.rate },
    );
    const minutes: SoakMinute[] = [];
    const heapSnapshots: string[] = [];
    const start = Date.now();
    // The first reading resets each replica's event loop histogram.
    await Promise.all(backends.map(b => b.sample()));
    let cpuBefore = backends.map(b => b.cpuSeconds());
    let recordFrom = 0;
    const totalMinutes = Math.round(options.durationMs / 60_000);
    let snapshotTaken = false;
    const minuteTicker = (async () => {
      for (
        let minute = 1;
        minute * 60_000 <= options.durationMs + 1000;
        minute++
      ) {
        await sleep(Math.max(0, start + minute * 60_000 - Date.now()));
        const from = start + (minute - 1) * 60_000;
        const to = start + minute * 60_000;
        const readings = await Promise.all(backends.map(b => b.sample()));
        const connections = await dbConnections(knex, names);
        const cpuNow = backends.map(b => b.cpuSeconds());
        const cpuFrom = cpuBefore;
        const records = load.records.slice(recordFrom);
        recordFrom = load.records.length;
        const replicas: ReplicaMinute[] = backends.map((b, i) => {
          const mem = b.samples.filter(
            (s: MemorySample) => s.at >= from && s.at < to,
          );
          const mean = (f: (s: MemorySample) => number) =>
            mem.length ? mem.reduce((a, s) => a + f(s), 0) / mem.length : NaN;
          const mine = records.filter(r => r.replica === i && r.at < to);
          return {
            rssMiB: mib(mean(s => s.rss)),
            heapUsedMiB: mib(mean(s => s.heapUsed)),
            heapUsedMinMiB: mib(Math.min(...mem.map(s => s.heapUsed))),
            heapTotalMiB: mib(mean(s => s.heapTotal)),
            externalMiB: mib(mean(s => s.external)),
            loopDelayP99Ms: round1(readings[i].loopDelayMs.p99),
            loopDelayMaxMs: round1(readings[i].loopDelayMs.max),
            dbConnections: connections.get(names[i]) ?? { total: 0, active: 0 },
            cpuPercent: Math.round(((cpuNow[i] - cpuFrom[i]) / 60) * 100),
            requests: mine.length,
            errors: mine.filter(r => r.status < 200 || r.status >= 300).length,
            writeP99Ms: routeStats(mine.filter(r => r.route.startsWith('POST')))
              .p99,
            readP99Ms: routeStats(mine.filter(r => r.route.startsWith('GET')))
              .p99,
            routes: byRoute(mine),
          };
        });
        cpuBefore = cpuNow;
        minutes.push({
          minute,
          at: new Date(to).toISOString(),
          loadAverage: round1(os.loadavg()[0]),
          replicas,
        });
        log(
          `soak: minute ${minute}/${totalMinutes} load ${os
            .loadavg()[0]
            .toFixed(1)} ${replicas
            .map(
              (r, i) =>
                `r${i + 1} rss ${r.rssMiB} heap ${r.heapUsedMiB} (min ${
                  r.heapUsedMinMiB
                }) MiB loop p99 ${r.loopDelayP99Ms} ms db ${
                  r.dbConnections.total
                } cpu ${r.cpuPercent}% req ${r.requests} err ${r.errors}`,
            )
            .join(' | ')} in flight ${load.inFlight} dropped ${load.dropped}`,
        );
        if (
          options.heapSnapshots &&
          !snapshotTaken &&
          minute >= Math.max(1, Math.ceil(totalMinutes * 0.3))
        ) {
          snapshotTaken = true;
          const file = path.join(
            dataDir,
            `heap-${run}-1-minute-${minute}.heapsnapshot`,
          );
          log(
            `soak: heap snapshot of replica 1 after minute ${minute}: ${file}`,
          );
          // Out of the rotation first: a process frozen while it writes the snapshot must not hold
          // requests (or the audit chain's head lock) that the other replica then waits on.
          await load.drain(0);
          try {
            heapSnapshots.push(await backends[0].heapSnapshot(file));
          } finally {
            load.resume(0);
          }
        }
      }
    })();
    await load.run(options.durationMs);
    await minuteTicker;
    if (options.heapSnapshots) {
      // After the load, once what the last requests held has been let go (the snapshot runs a full GC first).
      await sleep(10_000);
      const file = path.join(dataDir, `heap-${run}-2-after-load.heapsnapshot`);
      log(`soak: heap snapshot of replica 1 after the load: ${file}`);
      heapSnapshots.push(await backends[0].heapSnapshot(file));
    }

    // The end check: every accepted write exactly once, in its table and in the audit trail.
    log(
      'soak: checking every accepted write (rows and audit events) and the audit chain',
    );
    const exactlyOnce: SoakResults['exactlyOnce'] = [];
    for (const kind of [
      'build',
      'deployment',
      'incident',
      'release',
    ] as SoakWriteKind[]) {
      const { rowCounts, eventCounts } = await storedMarkers(knex, kind, run);
      const accepted = load.accepted.get(kind) ?? new Set<string>();
      const inDoubt = load.inDoubt.get(kind) ?? new Set<string>();
      exactlyOnce.push({
        kind,
        rows: checkExactlyOnce(accepted, rowCounts, inDoubt),
        auditEvents: checkExactlyOnce(accepted, eventCounts, inDoubt),
      });
    }
    const auditStart = Date.now();
    const verification = await verifyAuditChain({
      chain: DatabaseStores.fromKnex(knex).audit,
      keyring: AuditKeyring.of([AUDIT_KEY], AUDIT_KEY.id),
      mode: 'full',
    });
    const audit = {
      valid: verification.valid,
      checkedEvents: verification.checkedEvents,
      breakCount: verification.breakCount,
      ...(verification.reason ? { reason: verification.reason } : {}),
      seconds: (Date.now() - auditStart) / 1000,
    };

    // Verdicts.
    const routes: SoakResults['routes'] = [];
    const routeNames = [...new Set(load.records.map(r => r.route))].sort();
    for (const route of routeNames) {
      for (let i = 0; i < backends.length; i++) {
        const mine = load.records.filter(
          r => r.route === route && r.replica === i,
        );
        routes.push({
          route,
          replica: i + 1,
          stats: routeStats(mine),
          verdict: latencyVerdict(
            mine.map(r => ({ at: r.at, ms: r.ms })),
            start,
            options.durationMs,
          ),
        });
      }
    }
    // The verdict of each replica: its writes (POST) and its reads (GET), each pooled over routes.
    const latency: SoakResults['latency'] = [];
    for (let i = 0; i < backends.length; i++) {
      for (const [kind, method] of [
        ['writes', 'POST'],
        ['reads', 'GET'],
      ] as const) {
        const mine = load.records.filter(
          r => r.replica === i && r.route.startsWith(method),
        );
        latency.push({
          replica: i + 1,
          kind,
          stats: routeStats(mine),
          verdict: latencyVerdict(
            mine.map(r => ({ at: r.at, ms: r.ms })),
            start,
            options.durationMs,
          ),
        });
      }
    }
    // The raw attempts, for a second look (not committed).
    fs.writeFileSync(
      path.join(dataDir, `records-${run}.json`),
      JSON.stringify({
        start,
        durationMs: options.durationMs,
        records: load.records,
      }),
    );
    const durationMinutes = options.durationMs / 60_000;
    const memory = backends.map((_, i) => ({
      replica: i + 1,
      rss: memoryVerdict(
        minutes.map(m => ({ minute: m.minute, mib: m.replicas[i].rssMiB })),
        durationMinutes,
      ),
      heapUsed: memoryVerdict(
        minutes.map(m => ({
          minute: m.minute,
          // The floor after GC: what is retained (the mean moves with the GC's sawtooth).
          mib: m.replicas[i].heapUsedMinMiB,
        })),
        durationMinutes,
      ),
    }));
    const statusCodes: Record<string, number> = {};
    for (const r of load.records) {
      statusCodes[r.status] = (statusCodes[r.status] ?? 0) + 1;
    }
    const totals = {
      requests: load.records.filter(r => r.attempt === 1).length + load.dropped,
      attempts: load.records.length,
      errors: load.records.filter(r => r.status < 200 || r.status >= 300)
        .length,
      failed: load.failed,
      retries: load.records.filter(r => r.attempt > 1).length,
      dropped: load.dropped,
      statusCodes,
      failures: load.failures,
    };
    const problems: string[] = [];
    for (const m of memory) {
      for (const [what, v] of [
        ['RSS', m.rss],
        ['heap used', m.heapUsed],
      ] as const) {
        if (v.verdict !== 'flat') {
          problems.push(
            `replica ${m.replica} ${what}: ${v.verdict}${
              v.slopeMiBPerMinute !== undefined
                ? ` (${v.slopeMiBPerMinute} MiB/min)`
                : ''
            }`,
          );
        }
      }
    }
    for (const l of latency) {
      if (l.verdict.verdict !== 'flat') {
        problems.push(
          `replica ${l.replica} ${l.kind} latency: ${l.verdict.verdict}${
            l.verdict.lastP99Ms !== undefined
              ? ` (p99 ${l.verdict.middleP99Ms} -> ${l.verdict.lastP99Ms} ms)`
              : ''
          }`,
        );
      }
    }
    if (totals.errors > 0 || totals.dropped > 0) {
      problems.push(
        `${totals.errors} error answers, ${totals.failed} requests failed, ${totals.dropped} dropped`,
      );
    }
    for (const e of exactlyOnce) {
      for (const [what, c] of [
        ['rows', e.rows],
        ['audit events', e.auditEvents],
      ] as const) {
        if (!c.ok) {
          problems.push(
            `${e.kind} ${what}: ${c.lost.length} lost, ${c.duplicated.length} duplicated, ${c.unexpected.length} unexpected`,
          );
        }
      }
    }
    if (!audit.valid) {
      problems.push(`audit chain: ${audit.reason ?? 'invalid'}`);
    }
    Object.assign(results, {
      generatedAt: new Date().toISOString(),
      command: options.command,
      durationMs: options.durationMs,
      rate: options.rate,
      run,
      machine: {
        ...startMachine,
        'load average at end (1, 5, 15 min)': os
          .loadavg()
          .map(l => l.toFixed(2))
          .join(' '),
      },
      installation: {
        database: `PostgreSQL, ${SOAK_DATABASE}`,
        scale: options.scale,
        rows: manifest.rows,
        counts: manifest.counts,
      },
      replicas: names.map((name, i) => ({
        name,
        baseUrl: backends[i].baseUrl,
        startSeconds: starts[i],
      })),
      minutes,
      totals,
      routes,
      latency,
      memory,
      exactlyOnce,
      audit,
      heapSnapshots,
      pass: problems.length === 0,
      problems,
    } satisfies SoakResults);
  } finally {
    await Promise.all(backends.map(b => b.stop()));
    await knex.destroy();
  }
  const soak = results as SoakResults;
  const file = writeSoakResults(soak, formatSoakDuration(options.durationMs));
  log(`soak: ${soak.pass ? 'PASS' : 'FAIL'}; results in ${file}`);
  for (const p of soak.problems) {
    log(`soak: ${p}`);
  }
  return soak;
}
