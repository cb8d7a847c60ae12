import type { BenchPart } from '../cli/args';
import type { DatabaseRun, LatencyResult, TargetResult } from './report';

/** Judges one row of the table on a run; undefined when the run did not measure it. */
type Judge = (
  run: TargetInput,
) =>
  | { value: number; unit: string; pass: boolean; detail?: string }
  | undefined;

/** The parts of a run the targets are judged on. */
export type TargetInput = Pick<DatabaseRun, 'latencies' | 'ingest'> &
  Partial<
    Pick<
      DatabaseRun,
      'database' | 'rate' | 'bulkImport' | 'audit' | 'pages' | 'parts'
    >
  >;

interface TargetSpec {
  id: string;
  name: string;
  measurement: string;
  limit: string;
  /** The part of `npm run bench` that measures it. */
  part: BenchPart;
  /** A read scenario id (`--scenarios`) of the engine or HTTP part. */
  scenario?: string;
  /** Only measured on PostgreSQL. */
  postgresOnly?: boolean;
  judge: Judge;
}

const latencyOf = (run: TargetInput, id: string, path: LatencyResult['path']) =>
  run.latencies.find(l => l.id === id && l.path === path);

function p95Target(
  id: string,
  path: LatencyResult['path'],
  name: string,
  limitMs: number,
): TargetSpec {
  return {
    id: `${id}/${path}`,
    name,
    measurement: `p95 warm (${path})`,
    limit: `<= ${limitMs} ms`,
    part: path === 'engine' ? 'engine' : 'http',
    scenario: id,
    judge: run => {
      const l = latencyOf(run, id, path);
      return l
        ? { value: l.latency.p95, unit: 'ms', pass: l.latency.p95 <= limitMs }
        : undefined;
    },
  };
}

/** Why a bulk import row needs a word: rejected records, or the part stopped at its time limit. */
function bulkImportDetail(result: NonNullable<DatabaseRun['bulkImport']>): {
  detail?: string;
} {
  if (result.rejected > 0) {
    return { detail: `${result.rejected} records rejected` };
  }
  if (result.stoppedAfterSeconds !== undefined) {
    return {
      detail: `stopped after ${result.stoppedAfterSeconds} s: ${result.records} of ${result.planned} records`,
    };
  }
  if (result.doraCatchUp) {
    return {
      detail: `DORA roll-ups of its ${result.doraCatchUp.deployments.toLocaleString(
        'en-US',
      )} production deployments caught up ${result.doraCatchUp.seconds.toFixed(
        1,
      )} s after the last answer`,
    };
  }
  return {};
}

function ingestTarget(route: string, name: string, limit: number): TargetSpec {
  return {
    id: `ingest ${route}`,
    name,
    measurement: '2xx per second, 8 connections, one backend process',
    limit: `>= ${limit.toLocaleString('en-US')} reports/s`,
    part: 'ingest',
    judge: run => {
      const i = run.ingest.find(x => x.route === route);
      return i
        ? {
            value: i.reportsPerSecond,
            unit: 'reports/s',
            pass:
              i.reportsPerSecond >= limit && i.non2xx === 0 && i.errors === 0,
            ...(i.non2xx + i.errors > 0
              ? { detail: `${i.non2xx} non-2xx, ${i.errors} errors` }
              : {}),
          }
        : undefined;
    },
  };
}

function pageTarget(id: string, name: string, limitMs: number): TargetSpec {
  return {
    id: `page ${id}`,
    name: `page: ${name}`,
    measurement:
      'navigation to main content visible, production build, Chromium, median of the visits',
    limit: `<= ${limitMs.toLocaleString('en-US')} ms`,
    part: 'pages',
    postgresOnly: true,
    judge: run => {
      const p = run.pages?.find(x => x.id === id);
      if (!p) {
        return undefined;
      }
      if (p.error) {
        return { value: NaN, unit: 'ms', pass: false, detail: p.error };
      }
      return {
        value: p.ms,
        unit: 'ms',
        pass: p.ms <= limitMs,
        detail: `${p.requests} requests, ${Math.round(
          p.bytes / 1024,
        ).toLocaleString('en-US')} KiB; slowest ${p.slowest.ms} ms ${
          p.slowest.url
        }`,
      };
    },
  };
}

/**
 * Every row of issue 16's table (plus the every-System DORA row of issues 13 and 19), in its
 * order: what is measured, the limit, and the part of `npm run bench` that measures it.
 */
export const TARGETS: TargetSpec[] = [
  p95Target('dora-org', 'engine', 'DORA org-wide, 90 days', 100),
  p95Target('dora-team', 'engine', 'DORA one team, 90 days', 20),
  p95Target('dora-system', 'engine', 'DORA one System, 90 days', 10),
  p95Target(
    'dora-teams',
    'engine',
    'DORA every team (GET /dora/teams), 90 days',
    300,
  ),
  p95Target(
    'dora-systems',
    'engine',
    'DORA org Systems sorted by a metric (GET /dora/systems), 90 days',
    300,
  ),
  p95Target(
    'environments',
    'http',
    'GET /systems/{ns}/{name}/environments',
    30,
  ),
  ingestTarget('POST /builds', 'single POST /builds', 1000),
  ingestTarget(
    'POST /deployments',
    'single POST /deployments, 10% production',
    500,
  ),
  {
    id: 'import',
    name: 'bulk import (POST /import, NDJSON)',
    measurement: 'records per second over HTTP, one request at a time',
    limit: '>= 5,000 records/s',
    part: 'import',
    judge: run =>
      run.bulkImport && {
        value: run.bulkImport.recordsPerSecond,
        unit: 'records/s',
        pass:
          run.bulkImport.recordsPerSecond >= 5000 &&
          run.bulkImport.rejected === 0,
        ...bulkImportDetail(run.bulkImport),
      },
  },
  {
    id: 'rate',
    name: 'single reports at 100 reports/s (builds and deployments)',
    measurement:
      'p99 latency at a fixed rate, evenly spaced, after a warm-up at that rate',
    limit: '<= 50 ms',
    part: 'rate',
    judge: run =>
      run.rate && {
        value: run.rate.latencyMs.p99,
        unit: 'ms',
        pass:
          run.rate.latencyMs.p99 <= 50 &&
          run.rate.non2xx === 0 &&
          run.rate.errors === 0,
        detail: `${run.rate.ok} reports at ${run.rate.achievedRate}/s${
          run.rate.warmup?.latencyMs
            ? `; the ${run.rate.warmup.seconds} s warm-up before them: p99 ${run.rate.warmup.latencyMs.p99} ms, max ${run.rate.warmup.latencyMs.max} ms`
            : ''
        }`,
      },
  },
  {
    id: 'audit-verify',
    name: 'GET /audit/verify after 1,000 new events',
    measurement: 'p95 (http), incremental from the last checkpoint',
    limit: '<= 200 ms',
    part: 'audit',
    judge: run =>
      run.audit && {
        value: run.audit.latency.p95,
        unit: 'ms',
        pass: run.audit.latency.p95 <= 200 && run.audit.valid,
        detail: `chain of ${run.audit.chainEvents.toLocaleString(
          'en-US',
        )} events, ${run.audit.checkedEvents.toLocaleString(
          'en-US',
        )} checked per request${run.audit.valid ? '' : ', chain INVALID'}`,
      },
  },
  pageTarget('releases-tab', "Releases tab (a System's page)", 1500),
  pageTarget('release', 'release page', 1500),
  pageTarget('approvals', 'approval queue', 1500),
  pageTarget('dora-org', 'org DORA page (every team)', 2000),
  pageTarget('group-tab', "a Group's tab", 1500),
];

/** The command that measures a part (as the "not run" rows say). */
export function commandOfPart(
  part: BenchPart,
  database: string | undefined,
  scenario?: string,
): string {
  return `npm run bench -- --db ${database ?? 'postgres'} --only ${part}${
    scenario ? ` --scenarios ${scenario}` : ''
  }`;
}

/**
 * Judges every row of the table on a run: pass or fail where measured, "not run" with the command
 * that measures it where not (never a number the run did not take); memory under ingest is reported.
 */
export function evaluateTargets(run: TargetInput): TargetResult[] {
  const out: TargetResult[] = [];
  for (const spec of TARGETS) {
    const judged = spec.judge(run);
    const base = {
      id: spec.id,
      name: spec.name,
      measurement: spec.measurement,
      limit: spec.limit,
    };
    if (judged) {
      out.push({
        ...base,
        value: judged.value,
        unit: judged.unit,
        pass: judged.pass,
        status: judged.pass ? 'pass' : 'fail',
        ...(judged.detail ? { detail: judged.detail } : {}),
      });
      continue;
    }
    let why = 'part not run';
    if (spec.postgresOnly && run.database === 'sqlite') {
      why = 'PostgreSQL only';
    } else if (run.parts?.includes(spec.part)) {
      why = 'measured nothing: see the log';
    }
    out.push({
      ...base,
      unit: '',
      pass: false,
      status: 'not run',
      detail: `${why}; measure with \`${commandOfPart(
        spec.part,
        run.database,
        spec.scenario,
      )}\``,
    });
  }
  const ingest = run.ingest.filter(i => i.memory);
  out.push({
    id: 'memory',
    name: 'backend RSS under ingest',
    measurement: 'peak RSS of the backend process during the ingest loads',
    limit: 'reported, growth explained (docs/performance.md)',
    unit: 'MiB',
    pass: false,
    ...(ingest.length > 0
      ? {
          value: Math.max(...ingest.map(i => i.memory!.rssPeakMiB)),
          status: 'reported',
          detail: ingest
            .map(
              i =>
                `${i.route}: RSS ${
                  i.idleMemory
                    ? `${Math.round(i.idleMemory.rssMeanMiB)} idle → `
                    : ''
                }${Math.round(i.memory!.rssPeakMiB)} peak, heap ${Math.round(
                  i.memory!.heapUsedPeakMiB,
                )} MiB`,
            )
            .join('; '),
        }
      : {
          status: 'not run',
          detail: `part not run; measure with \`${commandOfPart(
            'ingest',
            run.database,
          )}\``,
        }),
  });
  return out;
}
