import fs from 'node:fs';
import { relative } from 'node:path';
import { DoraReport } from '@release-orchestration/plugin-release-orchestration-common';
import { isPostgres } from '@release-orchestration/plugin-release-orchestration-backend/src/database/dialect';
import { Knex } from 'knex';
import { startBenchBackend } from '../backend/startBenchBackend';
import { BenchCatalogService } from '../catalog/BenchCatalogService';
import { pgConfigOfKnex } from '../load/connection';
import {
  BenchDatabase,
  DataManifest,
  openBenchDatabase,
} from '../load/loadDatabase';
import { generateOrg } from '@release-orchestration/demo-data';
import { timeIt } from '../measure/percentiles';
import {
  DatabaseRun,
  evaluateTargets,
  LatencyResult,
  OurMetrics,
} from '../measure/report';
import { createBenchServices } from './benchServices';
import { readScenarios, writeScenarios } from './engineScenarios';
import { explainScenarios } from './explainScenarios';
import { IngestResult, runIngest, timeHttpGet } from './httpScenarios';
import { IngestBodies, IngestTargets } from './ingestBodies';
import {
  dropReferences,
  materializeReferences,
  ReferenceScope,
  runReferenceQueries,
} from './referenceQueries';
import { pickSubjects } from './subjects';
import { BENCH_PARTS, BenchPart } from '../cli/args';
import { mainThreadProfile, topFrames } from '../measure/cpuProfile';
import type {
  AuditVerifyResult,
  BulkImportResult,
  CpuProfileSummary,
  PageResult,
  RateResult,
} from '../measure/report';
import { benchDir, repoRoot } from '../paths';
import { measureAuditVerify } from './auditVerifyScenario';
import { IMPORT_RECORDS, measureBulkImport } from './importHttpScenario';
import { measureRate } from './rateScenario';
import { measurePages } from './pagesScenario';

/** How much to measure. */
export interface RunOptions {
  iterations: number;
  ingestSeconds: number;
  ingestConnections: number;
  port: number;
  referenceTimeoutMs: number;
  log(message: string): void;
  /** Only these parts; undefined: all. */
  only?: BenchPart[];
  /** Only these read scenarios (by id), in the engine and HTTP parts; undefined: all. */
  scenarios?: string[];
  /** Records of the bulk import part (default 20,000). */
  importRecords?: number;
  /** Visits of each page in the pages part (default 3). */
  pageVisits?: number;
  /** Profile the backend's CPU (`--cpu-prof`) and put the top frames into the results. */
  cpuProfile?: boolean;
  /** Where the EXPLAIN part writes its plans (default bench/results/explain). */
  explainDir?: string;
}

/** Reports per second of the fixed-rate part (issue 16: p99 of single reports at 100/s). */
export const FIXED_RATE = 100;

const WARMUP = 5;

/** Our DORA numbers in the comparison's units (days per week, hours, a ratio). */
export function ourMetrics(report: DoraReport): OurMetrics {
  const c = report.current;
  const f = c.deploymentFrequency;
  return {
    deploymentFrequency: f.shareOfDaysWithDeployment * 7,
    leadTime:
      c.changeLeadTime.medianSeconds === undefined
        ? undefined
        : c.changeLeadTime.medianSeconds / 3600,
    changeFailureRate: c.changeFailureRate.rate,
    recoveryTime:
      c.failedDeploymentRecoveryTime.medianSeconds === undefined
        ? undefined
        : c.failedDeploymentRecoveryTime.medianSeconds / 3600,
    deploymentsPerDay: f.perDay,
    level: f.level,
  };
}

async function ingestTargets(
  knex: Knex,
  systems: string[],
  components: string[],
): Promise<IngestTargets> {
  const releases: IngestTargets['releases'] = [];
  for (const systemRef of systems) {
    const row = await knex('releases')
      .where({ system_ref: systemRef })
      .orderBy('created_at', 'desc')
      .first('id');
    if (row) {
      releases.push({ id: row.id, systemRef });
    }
  }
  return { releases, components };
}

/** Measures one database's installation (loaded by bench:data): every scenario the issue names. */
export async function runDatabase(
  database: BenchDatabase,
  manifest: DataManifest,
  options: RunOptions,
): Promise<DatabaseRun> {
  const started = Date.now();
  const { plan } = manifest;
  const org = generateOrg(plan);
  const catalog = BenchCatalogService.fromOrg(org).asCatalogService();
  const knex = openBenchDatabase(database, manifest.target);
  try {
    const postgres = isPostgres(knex);
    const version = postgres
      ? (await knex.raw('SHOW server_version')).rows[0].server_version
      : (await knex.raw('SELECT sqlite_version() AS v'))[0].v;
    const deployments = Number(
      (await knex('deployments').count({ n: '*' }))[0].n,
    );
    if (deployments < manifest.counts.deployments) {
      throw new Error(
        `${database} holds ${deployments} deployments, bench:data loaded ${manifest.counts.deployments}: load it again`,
      );
    }
    const services = createBenchServices(knex, catalog);
    const subjects = pickSubjects(org, plan);
    const latencies: LatencyResult[] = [];
    const reports = new Map<string, DoraReport>();
    const runs = (part: BenchPart) =>
      !options.only || options.only.includes(part);

    // 1. The services the router calls, in process, warm.
    const chosen = (id: string) =>
      !options.scenarios || options.scenarios.includes(id);
    for (const scenario of runs('engine') || runs('reference')
      ? readScenarios(subjects).filter(s => chosen(s.id))
      : []) {
      const iterations = ['dora-org', 'dora-teams', 'dora-systems'].includes(
        scenario.id,
      )
        ? Math.max(20, Math.round(options.iterations / 2))
        : options.iterations;
      let answer: unknown;
      const latency = await timeIt(
        async () => {
          answer = await scenario.run(services);
        },
        { warmup: WARMUP, iterations },
      );
      if (scenario.id.startsWith('dora-')) {
        reports.set(scenario.id, answer as DoraReport);
      }
      latencies.push({
        id: scenario.id,
        title: scenario.title,
        path: 'engine',
        latency,
        answer: scenario.describe?.(answer),
      });
      options.log(
        `${database} ${scenario.id}: p50 ${latency.p50} ms, p95 ${latency.p95} ms`,
      );
    }

    // 2. Query plans of every request path, reads and writes.
    const components = org.systems.flatMap(s => s.components.map(c => c.ref));
    const targets = await ingestTargets(
      knex,
      org.systems.map(s => s.ref),
      components,
    );
    const explain = runs('explain')
      ? await explainScenarios(
          knex,
          catalog,
          [
            ...readScenarios(subjects),
            ...writeScenarios(
              new IngestBodies(targets, `explain-${Date.now()}`),
            ),
          ].filter(s => chosen(s.id)),
          database,
          options.explainDir,
        )
      : { statements: 0, seqScans: [], indexes: [], files: [] };
    options.log(
      `${database} explain: ${explain.statements} statements, ${explain.seqScans.length} sequential scans of large tables`,
    );

    // 3. Four Keys' and DevLake's published queries on the same rows (PostgreSQL).
    let reference: DatabaseRun['reference'];
    if (postgres && runs('reference')) {
      const connection = pgConfigOfKnex(knex);
      options.log(
        `${database} reference: materialising Four Keys' and DevLake's tables`,
      );
      const materializeSeconds = await materializeReferences(connection);
      const team = org.systems.filter(s => s.owner === subjects.team);
      const system = org.systems.find(s => s.ref === subjects.system)!;
      const scopes: ReferenceScope[] = [
        { id: 'org', systems: org.systems.map(s => s.ref), components },
        {
          id: 'team',
          systems: team.map(s => s.ref),
          components: team.flatMap(s => s.components.map(c => c.ref)),
        },
        {
          id: 'system',
          systems: [system.ref],
          components: system.components.map(c => c.ref),
        },
      ];
      const results = await runReferenceQueries(
        connection,
        scopes,
        subjects.window,
        {
          iterations: Math.max(3, Math.round(options.iterations / 20)),
          timeoutMs: options.referenceTimeoutMs,
        },
      );
      await dropReferences(connection);
      const byScope = {
        org: 'dora-org',
        team: 'dora-team',
        system: 'dora-system',
      } as const;
      reference = {
        materializeSeconds,
        results,
        ours: Object.fromEntries(
          Object.entries(byScope).map(([scope, id]) => [
            scope,
            ourMetrics(reports.get(id)!),
          ]),
        ),
        ourLatencyMs: Object.fromEntries(
          Object.entries(byScope).map(([scope, id]) => [
            scope,
            latencies.find(l => l.id === id && l.path === 'engine')!.latency
              .p50,
          ]),
        ),
      };
      options.log(`${database} reference: ${results.length} query results`);
    }

    // 4. A real backend process: reads over HTTP, audit verify, a fixed rate, ingest load with
    // autocannon, the bulk import.
    const ingest: IngestResult[] = [];
    const measured: BackendMeasurements = { ingest };
    const startSeconds = (
      ['http', 'audit', 'rate', 'ingest', 'import'] as const
    ).some(runs)
      ? await measureBackend(
          database,
          manifest,
          subjects,
          targets,
          knex,
          latencies,
          measured,
          { ...options, systems: org.systems },
        )
      : undefined;

    // 5. The app's pages in Chromium: the production build served with the demo backend on this
    // installation (PostgreSQL).
    let pages: PageResult[] | undefined;
    if (runs('pages') && postgres) {
      pages = await measurePages({
        manifest,
        org,
        knex,
        subjects,
        visits: options.pageVisits ?? 3,
        log: options.log,
      });
    }

    const result: DatabaseRun = {
      database,
      version,
      data: {
        scale: plan.scale,
        seed: plan.seed,
        rows: manifest.rows,
        counts: manifest.counts,
        loadSeconds: manifest.seconds.total,
        rollups: manifest.rollups,
      },
      subjects: { ...subjects },
      latencies,
      backend: {
        kind:
          startSeconds === undefined
            ? 'not started (--only)'
            : 'createBackend() from @backstage/backend-defaults in its own Node.js process, with the plugin, a static token through external access, the in-memory bench catalog',
        startSeconds: startSeconds ?? 0,
        idleMemory: ingest[0]?.idleMemory,
      },
      ingest,
      explain,
      ...(reference ? { reference } : {}),
      parts: BENCH_PARTS.filter(runs),
      ...(measured.rate ? { rate: measured.rate } : {}),
      ...(measured.bulkImport ? { bulkImport: measured.bulkImport } : {}),
      ...(measured.audit ? { audit: measured.audit } : {}),
      ...(pages ? { pages } : {}),
      ...(measured.cpuProfile ? { cpuProfile: measured.cpuProfile } : {}),
      targets: [],
      wallSeconds: (Date.now() - started) / 1000,
    };
    result.targets = evaluateTargets(result);
    return result;
  } finally {
    await knex.destroy();
  }
}

/** What the backend part measured besides the HTTP latencies. */
interface BackendMeasurements {
  ingest: IngestResult[];
  rate?: RateResult;
  bulkImport?: BulkImportResult;
  audit?: AuditVerifyResult;
  cpuProfile?: CpuProfileSummary;
}

/**
 * Starts a real backend process on the installation, times the read routes over HTTP and audit
 * verify, sends single reports at a fixed rate, loads the ingest routes with autocannon and
 * imports in bulk; returns the backend's start time in seconds.
 */
async function measureBackend(
  database: BenchDatabase,
  manifest: DataManifest,
  subjects: ReturnType<typeof pickSubjects>,
  targets: IngestTargets,
  knex: Knex,
  latencies: LatencyResult[],
  measured: BackendMeasurements,
  options: RunOptions & {
    systems: Array<{ ref: string; components: Array<{ ref: string }> }>;
  },
): Promise<number> {
  const { ingest } = measured;
  const runs = (part: BenchPart) =>
    !options.only || options.only.includes(part);
  const backendStart = Date.now();
  const profileDir = benchDir('.data', 'cpu-profiles');
  const backend = await startBenchBackend({
    database,
    target: manifest.target,
    plan: manifest.plan,
    port: options.port,
    ...(options.cpuProfile ? { cpuProfileDir: profileDir } : {}),
  });
  const startSeconds = (Date.now() - backendStart) / 1000;
  try {
    // Let the plugin's first scheduled DORA catch-up (20 s after start) pass before measuring.
    await new Promise(resolve => setTimeout(resolve, 25_000));
    const { from, to } = subjects.window;
    const [namespace, name] = subjects.system
      .replace(/^system:/, '')
      .split('/');
    const window = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(
      to,
    )}`;
    for (const [id, title, path, iterations] of runs('http')
      ? ([
          [
            'dora-org',
            'GET /dora?entity=org, 90 days',
            `/dora?entity=org&${window}`,
            Math.max(20, Math.round(options.iterations / 2)),
          ],
          [
            'dora-teams',
            'GET /dora/teams, 90 days',
            `/dora/teams?${window}`,
            Math.max(20, Math.round(options.iterations / 2)),
          ],
          [
            'dora-systems',
            'GET /dora/systems?sort=changeLeadTime&order=desc, 90 days',
            `/dora/systems?sort=changeLeadTime&order=desc&${window}`,
            Math.max(20, Math.round(options.iterations / 2)),
          ],
          [
            'dora-team',
            'GET /dora?entity=<team>, 90 days',
            `/dora?entity=${encodeURIComponent(subjects.team)}&${window}`,
            options.iterations,
          ],
          [
            'dora-system',
            'GET /dora?entity=<System>, 90 days',
            `/dora?entity=${encodeURIComponent(subjects.system)}&${window}`,
            options.iterations,
          ],
          [
            'environments',
            'GET /systems/{ns}/{name}/environments',
            `/systems/${namespace}/${name}/environments`,
            options.iterations,
          ],
          [
            'releases',
            'GET /releases?system=',
            `/releases?system=${encodeURIComponent(subjects.system)}`,
            options.iterations,
          ],
        ] as const)
      : []) {
      if (options.scenarios && !options.scenarios.includes(id)) {
        continue;
      }
      const latency = await timeHttpGet(backend, path, {
        warmup: WARMUP,
        iterations,
      });
      latencies.push({ id, title, path: 'http', latency });
      options.log(
        `${database} http ${id}: p50 ${latency.p50} ms, p95 ${latency.p95} ms`,
      );
    }
    const run = String(Date.now());
    const bodies = new IngestBodies(targets, run);
    if (runs('audit')) {
      const auditBodies = new IngestBodies(targets, `${run}audit`);
      measured.audit = await measureAuditVerify(
        backend,
        knex,
        () => auditBodies.build(),
        {
          iterations: options.iterations,
          full: true,
          log: options.log,
        },
      );
      options.log(
        `${database} audit verify: p50 ${measured.audit.latency.p50} ms, p95 ${measured.audit.latency.p95} ms, ${measured.audit.checkedEvents} events checked of ${measured.audit.chainEvents}`,
      );
    }
    if (runs('rate')) {
      // Bodies of their own: the check below counts the ingest part's deployments by key.
      const rateBodies = new IngestBodies(targets, `${run}rate`);
      measured.rate = await measureRate(backend, {
        rate: FIXED_RATE,
        seconds: options.ingestSeconds,
        warmupSeconds: 3,
        build: () => rateBodies.build(),
        deployment: () => rateBodies.deployment(),
      });
      options.log(
        `${database} rate ${FIXED_RATE}/s: p50 ${measured.rate.latencyMs.p50} ms, p99 ${measured.rate.latencyMs.p99} ms, ${measured.rate.non2xx} non-2xx`,
      );
    }
    for (const [path, label, body] of runs('ingest')
      ? ([
          ['/deployments', 'POST /deployments', () => bodies.deployment()],
          [
            '/deployments',
            'POST /deployments (dev only)',
            () => bodies.deployment('dev'),
          ],
          ['/builds', 'POST /builds', () => bodies.build()],
        ] as const)
      : []) {
      const result = await runIngest(backend, {
        path,
        label,
        body,
        seconds: options.ingestSeconds,
        connections: options.ingestConnections,
      });
      ingest.push(result);
      options.log(
        `${database} ingest ${label}: ${result.reportsPerSecond} reports/s, ${
          result.non2xx
        } non-2xx, ${result.errors} errors; CPU cores busy ${JSON.stringify(
          result.cpu,
        )}`,
      );
    }
    if (runs('import')) {
      measured.bulkImport = await measureBulkImport(backend, options.systems, {
        count: options.importRecords ?? IMPORT_RECORDS,
        run,
        doraBacklog: async () =>
          Number(
            (
              await knex('dora_deferred_deployments').count({ n: '*' })
            )[0].n,
          ),
      });
      options.log(
        `${database} import: ${
          measured.bulkImport.recordsPerSecond
        } records/s, ${JSON.stringify(measured.bulkImport.outcomes)}`,
      );
    }
    // Every 2xx was stored; requests still in flight when the load stopped may be stored too.
    const stored = Number(
      (
        await knex('deployments')
          .where('idempotency_key', 'like', `ingest-${run}-%`)
          .count({ n: '*' })
      )[0].n,
    );
    const answered = (ingest[0]?.ok ?? 0) + (ingest[1]?.ok ?? 0);
    if (
      stored < answered ||
      stored > answered + 2 * options.ingestConnections
    ) {
      throw new Error(
        `ingest: ${answered} deployments answered 2xx but ${stored} were stored`,
      );
    }
  } finally {
    await backend.stop();
  }
  if (options.cpuProfile) {
    const file = mainThreadProfile(profileDir, backend.pid);
    if (file) {
      const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
      measured.cpuProfile = {
        file: relative(repoRoot(), file),
        parts: (['http', 'audit', 'rate', 'ingest', 'import'] as const).filter(
          runs,
        ),
        ...topFrames(profile),
      };
      options.log(
        `${database} CPU profile ${
          measured.cpuProfile.file
        }, top frames: ${measured.cpuProfile.top
          .slice(0, 8)
          .map(t => `${t.frame} ${t.selfMs} ms`)
          .join('; ')}`,
      );
    } else {
      options.log(
        `${database}: --cpu-prof wrote no profile into ${profileDir}`,
      );
    }
  }
  return startSeconds;
}
