import type { BenchPart } from '../cli/args';
import { MemoryStats } from './memory';
import { LatencySummary } from './percentiles';
import { evaluateTargets } from './targets';
import type { IngestResult } from '../scenarios/httpScenarios';
import type { ExplainWork } from '../scenarios/explainScenarios';
import type {
  MetricName,
  ReferenceResult,
} from '../scenarios/referenceQueries';

/** A latency measurement of one request path. */
export interface LatencyResult {
  id: string;
  title: string;
  /** `engine`: the service the router calls, in process; `http`: through the running backend. */
  path: 'engine' | 'http';
  latency: LatencySummary;
  answer?: string;
}

/** A row of the targets table, judged on one measurement (or not run). */
export interface TargetResult {
  /** The measurement judged: `<latency id>/<path>`, `ingest <route>`, `page <id>`, `import`, ... */
  id: string;
  name: string;
  measurement: string;
  limit: string;
  /** Absent when the row was not measured in the run. */
  value?: number;
  unit: string;
  /** True only when measured and within the limit. */
  pass: boolean;
  status: 'pass' | 'fail' | 'not run' | 'reported';
  /** What else the row needs to be read right, or how to measure it when not run. */
  detail?: string;
}

/** Single reports at a fixed rate: the latency a pipeline sees when the backend is not saturated. */
export interface RateResult {
  route: string;
  rate: number;
  achievedRate: number;
  seconds: number;
  ok: number;
  non2xx: number;
  errors: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** The latest the load generator sent a request after its due time (counted in its latency). */
  generatorLagMs?: number;
  /** The warm-up sent at the same rate before the measured seconds, not in `latencyMs`. */
  warmup?: {
    seconds: number;
    requests: number;
    latencyMs?: { p50: number; p90: number; p99: number; max: number };
  };
}

/** The bulk import over HTTP (`POST /import`, NDJSON). */
export interface BulkImportResult {
  /** Records sent (all of `planned`, unless the part stopped at its time limit). */
  records: number;
  planned?: number;
  /** Set when the part stopped sending at its time limit, before `planned` records. */
  stoppedAfterSeconds?: number;
  requests: number;
  perRequest: number;
  seconds: number;
  recordsPerSecond: number;
  rejected: number;
  outcomes: Record<string, number>;
  backendCpuSeconds: number;
  /** Milliseconds from sending each request to its answer: the first, the median, the slowest. */
  requestMs?: { first: number; median: number; slowest: number };
  /**
   * The DORA catch-up after the import (`POST /import` stores the records and leaves the roll-ups
   * of their production deployments to it): how many deployments were queued at the last answer
   * and how long after it the queue was empty.
   */
  doraCatchUp?: { deployments: number; seconds: number };
}

/** `GET /audit/verify` on a long chain after new events. */
export interface AuditVerifyResult {
  /** Events in the chain before the new ones (bench:data's generated chain plus earlier writes). */
  chainEvents: number;
  /** Events added through the API before verify was timed. */
  newEvents: number;
  /** The checkpoint verify starts after, and how long taking it (the scheduled task's work) took. */
  checkpointSequence: number;
  checkpointSeconds: number;
  latency: LatencySummary;
  /** Events the last verify request checked, and whether the chain held. */
  checkedEvents: number;
  valid: boolean;
  /** The full re-verification (what verify did before checkpoints), when run. */
  full?: { seconds: number; checkedEvents: number; valid: boolean };
}

/** One page of the app measured in Chromium. */
export interface PageResult {
  id: string;
  title: string;
  url: string;
  /** Median over the visits: navigation start to the main content visible. */
  ms: number;
  visits: number[];
  /** Bytes transferred (encoded) and requests of the last visit; its slowest request. */
  bytes: number;
  requests: number;
  slowest: { url: string; ms: number };
  error?: string;
}

/** The top frames of a CPU profile of the backend (self time). */
export interface CpuProfileSummary {
  file: string;
  /** The parts of the run the backend served while profiled. */
  parts: string[];
  profiledSeconds: number;
  top: Array<{ frame: string; selfMs: number; share: number }>;
}

/** Our DORA numbers for a scope, in the comparison's units. */
export type OurMetrics = Record<MetricName, number | undefined> & {
  deploymentsPerDay?: number;
  level?: string;
};

/** One database's run. */
export interface DatabaseRun {
  database: 'postgres' | 'sqlite';
  version: string;
  data: {
    scale: number;
    seed: number;
    rows: number;
    counts: Record<string, number>;
    loadSeconds: number;
    rollups: string;
  };
  subjects: Record<string, unknown>;
  latencies: LatencyResult[];
  backend?: { kind: string; startSeconds: number; idleMemory?: MemoryStats };
  ingest: IngestResult[];
  explain?: {
    files: string[];
    statements: number;
    seqScans: Array<{
      scenario: string;
      table: string;
      rows: number;
      sql: string;
    }>;
    indexes?: Array<{ index: string; table: string; scenarios: string[] }>;
    /** Per request path: shared pages touched and execution time of its statements' ANALYZE plans. */
    work?: ExplainWork[];
  };
  reference?: {
    materializeSeconds: Record<string, number>;
    results: ReferenceResult[];
    ours: Record<string, OurMetrics>;
    ourLatencyMs: Record<string, number>;
  };
  /** The parts of `npm run bench` this run measured. */
  parts?: BenchPart[];
  rate?: RateResult;
  bulkImport?: BulkImportResult;
  audit?: AuditVerifyResult;
  pages?: PageResult[];
  cpuProfile?: CpuProfileSummary;
  targets: TargetResult[];
  wallSeconds: number;
}

/** Everything `npm run bench` measured. */
export interface BenchResults {
  generatedAt: string;
  machine: Record<string, string | number>;
  commands: string[];
  runs: DatabaseRun[];
  notes: string[];
  wallSeconds: number;
}

const verdict = (target: TargetResult | undefined) => {
  if (!target) {
    return '';
  }
  if (target.status === 'fail') {
    return '**FAIL**';
  }
  return target.status;
};

const fmt = (n: number | undefined, digits = 1) =>
  n === undefined || Number.isNaN(n)
    ? '–'
    : n.toLocaleString('en-US', {
        maximumFractionDigits: digits,
        minimumFractionDigits: digits,
      });

export { evaluateTargets };

function latencyTable(run: DatabaseRun): string[] {
  const rows = [
    '| Measurement | Path | p50 ms | p95 ms | p99 ms | n | Target (p95) | Result |',
    '|---|---|---:|---:|---:|---:|---|---|',
  ];
  for (const l of run.latencies) {
    const target = run.targets.find(t => t.id === `${l.id}/${l.path}`);
    rows.push(
      `| ${l.title} | ${l.path} | ${fmt(l.latency.p50)} | ${fmt(
        l.latency.p95,
      )} | ${fmt(l.latency.p99)} | ${l.latency.n} | ${
        target ? target.limit : ''
      } | ${verdict(target)} |`,
    );
  }
  return rows;
}

function ingestTable(run: DatabaseRun): string[] {
  if (run.ingest.length === 0) {
    return [];
  }
  const rows = [
    '| Route | Reports/s | p50 ms | p99 ms | 2xx | non-2xx | Errors | Backend RSS idle → mean / peak MiB | Heap used peak MiB | Backend CPU s (ms per report) | CPU cores busy: machine / backend / PostgreSQL / load tool | Target | Result |',
    '|---|---:|---:|---:|---:|---:|---:|---|---:|---|---|---|---|',
  ];
  for (const i of run.ingest) {
    const target = run.targets.find(t => t.id === `ingest ${i.route}`);
    rows.push(
      `| ${i.route} | ${fmt(i.reportsPerSecond)} | ${fmt(
        i.latencyMs.p50,
        0,
      )} | ${fmt(i.latencyMs.p99, 0)} | ${i.ok} | ${i.non2xx} | ${
        i.errors
      } | ${fmt(i.idleMemory?.rssMeanMiB, 0)} → ${fmt(
        i.memory?.rssMeanMiB,
        0,
      )} / ${fmt(i.memory?.rssPeakMiB, 0)} | ${fmt(
        i.memory?.heapUsedPeakMiB,
        0,
      )} | ${fmt(i.backendCpuSeconds)} (${fmt(i.backendCpuMsPerReport, 2)}) | ${
        i.cpu
          ? `${fmt(i.cpu.busyCores, 2)} of ${i.cpu.machineCores} / ${fmt(
              i.cpu.backendCores,
              2,
            )} / ${fmt(i.cpu.postgresCores, 2)} / ${fmt(
              i.cpu.loadToolCores,
              2,
            )}`
          : '–'
      } | ${target?.limit ?? ''} | ${verdict(target)} |`,
    );
  }
  return rows;
}

const METRICS: Array<[MetricName, string, (n: number | undefined) => string]> =
  [
    [
      'deploymentFrequency',
      'Deployment frequency (days with a deployment per week)',
      n => fmt(n),
    ],
    ['leadTime', 'Lead time for changes, median (hours)', n => fmt(n)],
    [
      'changeFailureRate',
      'Change failure rate',
      n => (n === undefined ? '–' : `${fmt(n * 100)}%`),
    ],
    ['recoveryTime', 'Recovery / restore time, median (hours)', n => fmt(n)],
  ];

function referenceTables(run: DatabaseRun): string[] {
  const ref = run.reference;
  if (!ref) {
    return [];
  }
  const out: string[] = [];
  const find = (tool: string, metric: MetricName, scope: string) =>
    ref.results.find(
      r => r.tool === tool && r.metric === metric && r.scope === scope,
    );
  const show = (
    r: ReferenceResult | undefined,
    format: (n: number | undefined) => string,
  ) => {
    if (!r) {
      return '–';
    }
    if (r.error) {
      return `error: ${r.error.slice(0, 80)}`;
    }
    if (r.timedOutAfterMs !== undefined) {
      return r.variant
        ? `published query > ${r.timedOutAfterMs / 1000} s; variant: ${format(
            r.variant.value,
          )}`
        : `> ${r.timedOutAfterMs / 1000} s (timed out)`;
    }
    return `${format(r.value)}${r.label ? ` (${r.label})` : ''}`;
  };
  const ms = (r: ReferenceResult | undefined) =>
    r?.latency?.p50 ??
    (r?.timedOutAfterMs !== undefined ? r.variant?.latency?.p50 : undefined);
  for (const scope of Object.keys(ref.ours)) {
    out.push(
      `| ${scope} | Metric | Ours | Four Keys | DevLake |`,
      '|---|---|---|---|---|',
    );
    for (const [metric, title, format] of METRICS) {
      out.push(
        `| | ${title} | ${format(ref.ours[scope][metric])}${
          metric === 'deploymentFrequency' &&
          ref.ours[scope].deploymentsPerDay !== undefined
            ? ` (${fmt(ref.ours[scope].deploymentsPerDay)} deployments/day, ${
                ref.ours[scope].level ?? 'no level'
              })`
            : ''
        } | ${show(find('Four Keys', metric, scope), format)} | ${show(
          find('DevLake', metric, scope),
          format,
        )} |`,
      );
    }
    out.push('');
  }
  out.push(
    '| Scope | Ours: whole report p50 ms (5 metrics, 2 windows, weekly) | Four Keys: 4 queries, sum of p50 ms | DevLake: 4 queries, sum of p50 ms | Four Keys / ours | DevLake / ours |',
    '|---|---:|---:|---:|---:|---:|',
  );
  for (const scope of Object.keys(ref.ours)) {
    const sum = (tool: string) =>
      METRICS.reduce(
        (a, [metric]) => a + (ms(find(tool, metric, scope)) ?? NaN),
        0,
      );
    const ours = ref.ourLatencyMs[scope];
    const fk = sum('Four Keys');
    const dl = sum('DevLake');
    out.push(
      `| ${scope} | ${fmt(ours)} | ${fmt(fk)} | ${fmt(dl)} | ${fmt(
        fk / ours,
      )}× | ${fmt(dl / ours)}× |`,
    );
  }
  out.push(
    '',
    `Materialising their input tables from ours (their pipelines' work, not timed above): Four Keys ${fmt(
      ref.materializeSeconds.fourKeys,
    )} s, DevLake ${fmt(ref.materializeSeconds.devLake)} s.`,
  );
  return out;
}

/** The short table for the README: every row of the targets table, per database. */
export function renderSummaryTable(results: BenchResults): string {
  const rows = [
    '| Database (scale) | Measurement | Value | Target | Result | Notes |',
    '|---|---|---:|---|---|---|',
  ];
  for (const run of results.runs) {
    for (const t of run.targets) {
      rows.push(
        `| ${run.database} (${run.data.scale}) | ${t.name} — ${
          t.measurement
        } | ${
          t.value === undefined ? 'not run' : `${fmt(t.value)} ${t.unit}`
        } | ${t.limit} | ${verdict(t)} | ${t.detail ?? ''} |`,
      );
    }
  }
  return rows.join('\n');
}

function rateSection(run: DatabaseRun): string[] {
  const r = run.rate;
  if (!r) {
    return [];
  }
  return [
    `Single reports at a fixed rate (${r.route}): ${fmt(
      r.rate,
      0,
    )} reports/s asked, ${fmt(r.achievedRate)} achieved over ${fmt(
      r.seconds,
      0,
    )} s; latency p50 ${fmt(r.latencyMs.p50, 0)} / p90 ${fmt(
      r.latencyMs.p90,
      0,
    )} / p99 ${fmt(r.latencyMs.p99, 0)} / max ${fmt(r.latencyMs.max, 0)} ms; ${
      r.ok
    } 2xx, ${r.non2xx} non-2xx, ${r.errors} errors.`,
    '',
  ];
}

function importSection(run: DatabaseRun): string[] {
  const i = run.bulkImport;
  if (!i) {
    return [];
  }
  return [
    `Bulk import (\`POST /import\`, NDJSON, ${i.perRequest.toLocaleString(
      'en-US',
    )} records a request): ${i.records.toLocaleString('en-US')} records in ${
      i.requests
    } requests, ${fmt(i.seconds)} s, ${fmt(
      i.recordsPerSecond,
      0,
    )} records/s; backend CPU ${fmt(
      i.backendCpuSeconds,
    )} s; outcomes ${Object.entries(i.outcomes)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.${
      i.requestMs
        ? ` Requests: first ${fmt(i.requestMs.first, 0)} ms, median ${fmt(
            i.requestMs.median,
            0,
          )} ms, slowest ${fmt(i.requestMs.slowest, 0)} ms.`
        : ''
    }${
      i.doraCatchUp
        ? ` DORA catch-up: ${i.doraCatchUp.deployments.toLocaleString(
            'en-US',
          )} production deployments recorded in the roll-ups ${fmt(
            i.doraCatchUp.seconds,
          )} s after the last answer.`
        : ''
    }`,
    '',
  ];
}

function auditSection(run: DatabaseRun): string[] {
  const a = run.audit;
  if (!a) {
    return [];
  }
  return [
    `Audit verify: a chain of ${a.chainEvents.toLocaleString(
      'en-US',
    )} events (bench:data generates the chain with valid keyed hashes), a checkpoint at ${a.checkpointSequence.toLocaleString(
      'en-US',
    )} (taken by the plugin's checkpoint task code in ${fmt(
      a.checkpointSeconds,
    )} s), then ${a.newEvents.toLocaleString(
      'en-US',
    )} new events through POST /builds; \`GET /audit/verify\` p50 ${fmt(
      a.latency.p50,
    )} / p95 ${fmt(a.latency.p95)} / max ${fmt(a.latency.max)} ms over ${
      a.latency.n
    } requests, each checking ${a.checkedEvents.toLocaleString(
      'en-US',
    )} events; chain ${a.valid ? 'holds' : 'INVALID'}.${
      a.full
        ? ` Full re-verification (every event and checkpoint, what verify did before checkpoints): ${a.full.checkedEvents.toLocaleString(
            'en-US',
          )} events in ${fmt(a.full.seconds)} s, ${
            a.full.valid ? 'holds' : 'INVALID'
          }.`
        : ''
    }`,
    '',
  ];
}

function pagesSection(run: DatabaseRun): string[] {
  if (!run.pages || run.pages.length === 0) {
    return [];
  }
  const rows = [
    '| Page | URL | Content visible ms (median) | Visits ms | Requests | KiB transferred | Slowest request |',
    '|---|---|---:|---|---:|---:|---|',
  ];
  for (const p of run.pages) {
    rows.push(
      p.error
        ? `| ${p.title} | ${p.url} | error: ${p.error} | | | | |`
        : `| ${p.title} | ${p.url} | ${fmt(p.ms, 0)} | ${p.visits
            .map(v => fmt(v, 0))
            .join(', ')} | ${p.requests} | ${fmt(p.bytes / 1024, 0)} | ${
            p.slowest.ms
          } ms ${p.slowest.url} |`,
    );
  }
  return rows.concat('');
}

function cpuProfileSection(run: DatabaseRun): string[] {
  const c = run.cpuProfile;
  if (!c) {
    return [];
  }
  return [
    `CPU profile of the backend (\`--cpu-prof\`, ${fmt(
      c.profiledSeconds,
      0,
    )} s while it served: ${c.parts.join(', ')}; ${
      c.file
    }), top frames by self time:`,
    '',
    '| Frame | Self ms | Share |',
    '|---|---:|---:|',
    ...c.top.map(
      t =>
        `| ${t.frame.replace(/\|/g, '\\|')} | ${fmt(t.selfMs, 0)} | ${fmt(
          t.share * 100,
        )}% |`,
    ),
    '',
  ];
}

/** bench/results/latest.md. */
export function renderMarkdown(results: BenchResults): string {
  const out = [
    '# Release Orchestration benchmarks: results',
    '',
    `Generated ${results.generatedAt} by \`npm run bench\` in ${fmt(
      results.wallSeconds,
      0,
    )} s.`,
    '',
    `Machine: ${Object.entries(results.machine)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ')}.`,
    '',
    '## Targets',
    '',
    renderSummaryTable(results),
    '',
  ];
  for (const run of results.runs) {
    out.push(
      `## ${run.database === 'postgres' ? 'PostgreSQL' : 'SQLite'} ${
        run.version
      }, scale ${run.data.scale} (${run.data.rows.toLocaleString(
        'en-US',
      )} rows, seed ${run.data.seed})`,
      '',
      `Subjects: ${Object.entries(run.subjects)
        .map(
          ([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : v}`,
        )
        .join('; ')}.`,
      '',
      ...latencyTable(run),
      '',
    );
    const answers = run.latencies.filter(l => l.answer && l.path === 'engine');
    if (answers.length > 0) {
      out.push(
        'What the answers held:',
        '',
        ...answers.map(l => `- ${l.title}: ${l.answer}`),
        '',
      );
    }
    if (run.backend) {
      out.push(
        `Backend: ${run.backend.kind}; started in ${fmt(
          run.backend.startSeconds,
        )} s.`,
        '',
      );
    }
    out.push(
      ...ingestTable(run),
      '',
      ...rateSection(run),
      ...importSection(run),
      ...auditSection(run),
      ...pagesSection(run),
      ...cpuProfileSection(run),
    );
    if (run.explain) {
      const scans = run.explain.seqScans.map(
        s =>
          `${s.scenario}: ${s.table} (${s.rows.toLocaleString('en-US')} rows)`,
      );
      const verdictText =
        scans.length === 0
          ? 'none reads a table of more than 10,000 rows sequentially.'
          : `sequential scans of large tables: ${scans.join('; ')}.`;
      out.push(
        `EXPLAIN: ${
          run.explain.statements
        } distinct statements of the request paths, plans in ${run.explain.files.join(
          ', ',
        )}; ${verdictText}`,
        '',
      );
      if (run.explain.indexes && run.explain.indexes.length > 0) {
        out.push('| Index | Table | Read by the plans of |', '|---|---|---|');
        for (const i of run.explain.indexes) {
          out.push(
            `| ${i.index} | ${i.table} | ${
              i.scenarios.length > 0
                ? i.scenarios.join(', ')
                : '(none of the measured request paths)'
            } |`,
          );
        }
        out.push('');
      }
    }
    if (run.reference) {
      out.push(
        '### DORA side by side: ours, Four Keys, DevLake (same rows, same 90-day window)',
        '',
        ...referenceTables(run),
        '',
      );
    }
    out.push(
      `Wall time of this database's run: ${fmt(
        run.wallSeconds,
        0,
      )} s; data loaded by bench:data in ${fmt(run.data.loadSeconds, 0)} s.`,
      '',
    );
  }
  out.push(
    '## Notes',
    '',
    ...results.notes.map(n => `- ${n}`),
    '',
    '## Reproduce',
    '',
    '```sh',
    ...results.commands,
    '```',
    '',
  );
  return out.join('\n');
}
