import { MemoryStats } from './memory';
import { LatencySummary } from './percentiles';
import type { IngestResult } from '../scenarios/httpScenarios';
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

/** A target of the issue, judged on one measurement. */
export interface TargetResult {
  /** The measurement judged: `<latency id>/<path>` or `ingest <route>`. */
  id: string;
  name: string;
  measurement: string;
  limit: string;
  value: number;
  unit: string;
  pass: boolean;
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
  };
  reference?: {
    materializeSeconds: Record<string, number>;
    results: ReferenceResult[];
    ours: Record<string, OurMetrics>;
    ourLatencyMs: Record<string, number>;
  };
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
  return target.pass ? 'pass' : '**FAIL**';
};

const fmt = (n: number | undefined, digits = 1) =>
  n === undefined || Number.isNaN(n)
    ? '–'
    : n.toLocaleString('en-US', {
        maximumFractionDigits: digits,
        minimumFractionDigits: digits,
      });

/**
 * Judges the issue's targets on a run: DORA p95 (engine, warm) for the org, every team, the org's
 * Systems sorted, a team and a System;
 * the environments endpoint's p95 over HTTP; ingest throughput per route; memory is reported.
 */
export function evaluateTargets(
  run: Pick<DatabaseRun, 'latencies' | 'ingest'>,
): TargetResult[] {
  const targets: TargetResult[] = [];
  const latency = (id: string, path: LatencyResult['path']) =>
    run.latencies.find(l => l.id === id && l.path === path);
  for (const [id, path, name, limit] of [
    ['dora-org', 'engine', 'DORA org-wide, 90 days', 300],
    ['dora-teams', 'engine', 'DORA every team (GET /dora/teams), 90 days', 300],
    [
      'dora-systems',
      'engine',
      'DORA org Systems sorted by a metric (GET /dora/systems), 90 days',
      300,
    ],
    ['dora-team', 'engine', 'DORA one team, 90 days', 50],
    ['dora-system', 'engine', 'DORA one System, 90 days', 20],
    ['environments', 'http', 'GET /systems/{ns}/{name}/environments', 50],
  ] as const) {
    const l = latency(id, path);
    if (l) {
      targets.push({
        id: `${id}/${path}`,
        name,
        measurement: `p95 warm (${path})`,
        limit: `<= ${limit} ms`,
        value: l.latency.p95,
        unit: 'ms',
        pass: l.latency.p95 <= limit,
      });
    }
  }
  for (const ingest of run.ingest) {
    targets.push({
      id: `ingest ${ingest.route}`,
      name: `ingest ${ingest.route}`,
      measurement: `2xx per second, ${ingest.connections} connections, one backend process`,
      limit: '>= 1,000 reports/s',
      value: ingest.reportsPerSecond,
      unit: 'reports/s',
      pass:
        ingest.reportsPerSecond >= 1000 &&
        ingest.non2xx === 0 &&
        ingest.errors === 0,
    });
  }
  return targets;
}

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

/** The short table for the README: one row per target, per database. */
export function renderSummaryTable(results: BenchResults): string {
  const rows = [
    '| Database (scale) | Measurement | Value | Target | Result |',
    '|---|---|---:|---|---|',
  ];
  for (const run of results.runs) {
    for (const t of run.targets) {
      rows.push(
        `| ${run.database} (${run.data.scale}) | ${t.name} — ${
          t.measurement
        } | ${fmt(t.value)} ${t.unit} | ${t.limit} | ${verdict(t)} |`,
      );
    }
    for (const i of run.ingest) {
      rows.push(
        `| ${run.database} (${run.data.scale}) | backend memory under ${
          i.route
        } | RSS ${fmt(i.memory?.rssPeakMiB, 0)} MiB peak, heap ${fmt(
          i.memory?.heapUsedPeakMiB,
          0,
        )} MiB | reported | – |`,
      );
    }
  }
  return rows.join('\n');
}

/** bench/results/latest.md. */
export function renderMarkdown(results: BenchResults): string {
  const out = [
    '# Release Orchestration benchmarks: latest results',
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
    out.push(...ingestTable(run), '');
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
