import type { DatabaseRun } from './report';

/**
 * How a measurement grows with the installation, from runs of the same measurements at several
 * scales (`npm run bench -- --scales 0.25,1,2`): the ratio of each step, the growth exponent
 * `log(t2 / t1) / log(s2 / s1)` (0: flat, 1: linear in the history), and a verdict computed from
 * them, set against what the design expects of the measurement (issue 16: a System's and a team's
 * figures stay flat, org-wide ones grow sub-linearly).
 */

/** Verdicts, in order: each is worse than the one before. */
export const GROWTH_VERDICTS = [
  'flat',
  'sub-linear',
  'linear',
  'super-linear',
] as const;

/** How a measurement grows. */
export type GrowthVerdict = (typeof GROWTH_VERDICTS)[number];

/** A step grows less than this (the history grew 2x or 4x): flat. */
export const FLAT_RATIO = 1.5;

/** A fitted exponent below this is sub-linear; up to {@link SUPER_LINEAR_EXPONENT}, linear. */
export const LINEAR_EXPONENT = 0.8;

/** A fitted exponent above this is super-linear. */
export const SUPER_LINEAR_EXPONENT = 1.2;

/**
 * Increases smaller than this, in the measurement's unit, are not growth: sub-millisecond and
 * millisecond latencies move by this much between two runs on the same data on a shared machine.
 * Pages touched depend on the data and the plan, not on the machine: no floor.
 */
export const NOISE_FLOOR: Record<GrowthUnit, number> = {
  ms: 1,
  pages: 0,
};

/** The unit of a series. */
export type GrowthUnit = 'ms' | 'pages';

/** One measurement at one scale. */
export interface GrowthPoint {
  scale: number;
  /** The value judged: p50 for a latency, the count for pages. */
  value: number;
  /** p95, for latencies. */
  p95?: number;
  n?: number;
}

/** One measurement across the scales. */
export interface GrowthSeries {
  id: string;
  title: string;
  unit: GrowthUnit;
  expected: GrowthVerdict;
  points: GrowthPoint[];
}

/** A step from one scale to the next. */
export interface GrowthStep {
  from: number;
  to: number;
  /** Value at `to` over value at `from` (undefined from 0). */
  ratio?: number;
  /** `log(ratio) / log(to / from)`. */
  exponent?: number;
  /** Grows by less than {@link FLAT_RATIO}, or by less than the noise floor. */
  flat: boolean;
}

/** A series with its growth computed. */
export interface GrowthResult extends GrowthSeries {
  steps: GrowthStep[];
  /** Least-squares slope of log(value) over log(scale), every point (two points: the step's exponent). */
  exponent?: number;
  /** The same for p95, for latencies. */
  p95Exponent?: number;
  /** Undefined when fewer than two scales measured it (or it was 0 throughout). */
  verdict?: GrowthVerdict;
  /** The verdict is the expected one or better. */
  meets?: boolean;
}

/** Least-squares slope of log(y) over log(x), over the points with positive values. */
export function growthExponent(
  points: Array<{ scale: number; value: number }>,
): number | undefined {
  const logs = points
    .filter(p => p.value > 0 && p.scale > 0)
    .map(p => [Math.log(p.scale), Math.log(p.value)] as const);
  if (logs.length < 2) {
    return undefined;
  }
  const mx = logs.reduce((a, [x]) => a + x, 0) / logs.length;
  const my = logs.reduce((a, [, y]) => a + y, 0) / logs.length;
  const sxx = logs.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  if (sxx === 0) {
    return undefined;
  }
  return logs.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / sxx;
}

/** The steps between consecutive scales. */
export function growthSteps(
  points: GrowthPoint[],
  unit: GrowthUnit,
): GrowthStep[] {
  const steps: GrowthStep[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    const ratio = a.value > 0 ? b.value / a.value : undefined;
    steps.push({
      from: a.scale,
      to: b.scale,
      ...(ratio !== undefined
        ? { ratio, exponent: Math.log(ratio) / Math.log(b.scale / a.scale) }
        : {}),
      flat:
        b.value - a.value < NOISE_FLOOR[unit] ||
        (ratio !== undefined && ratio < FLAT_RATIO),
    });
  }
  return steps;
}

/**
 * The verdict: flat when every step grows less than {@link FLAT_RATIO} (or less than the noise
 * floor); otherwise by the fitted exponent: sub-linear below {@link LINEAR_EXPONENT}, linear up to
 * {@link SUPER_LINEAR_EXPONENT}, super-linear above.
 */
export function growthVerdict(
  steps: GrowthStep[],
  exponent: number | undefined,
): GrowthVerdict | undefined {
  if (steps.length === 0) {
    return undefined;
  }
  if (steps.every(s => s.flat)) {
    return 'flat';
  }
  if (exponent === undefined) {
    return undefined;
  }
  if (exponent < LINEAR_EXPONENT) {
    return 'sub-linear';
  }
  return exponent <= SUPER_LINEAR_EXPONENT ? 'linear' : 'super-linear';
}

/** Computes the growth of a series (its points in any order; sorted by scale). */
export function computeGrowth(series: GrowthSeries): GrowthResult {
  const points = [...series.points].sort((a, b) => a.scale - b.scale);
  const steps = growthSteps(points, series.unit);
  const exponent = growthExponent(points);
  const p95 = points.every(p => p.p95 !== undefined)
    ? growthExponent(points.map(p => ({ scale: p.scale, value: p.p95! })))
    : undefined;
  const verdict = growthVerdict(steps, exponent);
  return {
    ...series,
    points,
    steps,
    ...(exponent !== undefined ? { exponent } : {}),
    ...(p95 !== undefined ? { p95Exponent: p95 } : {}),
    ...(verdict
      ? {
          verdict,
          meets:
            GROWTH_VERDICTS.indexOf(verdict) <=
            GROWTH_VERDICTS.indexOf(series.expected),
        }
      : {}),
  };
}

/**
 * What each measurement is expected to do as the installation grows: the System's and the team's
 * requests read that System's or team's rows (the same at every scale: the generator scales the
 * organisation, a System's history stays the same); org-wide ones read more Systems, through
 * roll-ups, so less than linearly; verify after new events checks the events since the last
 * checkpoint; a write does the same work whatever the history. The full re-verification of the
 * audit chain checks every event: linear by design.
 */
export const EXPECTED_GROWTH: Record<string, GrowthVerdict> = {
  'dora-org': 'sub-linear',
  'dora-teams': 'sub-linear',
  'dora-systems': 'sub-linear',
  'approval-queue': 'sub-linear',
  'dora-team': 'flat',
  'dora-system': 'flat',
  environments: 'flat',
  releases: 'flat',
  'audit-verify': 'flat',
  'audit-full': 'linear',
  'ingest-deployment-production': 'flat',
  'ingest-deployment-dev': 'flat',
  'ingest-build': 'flat',
  ingest: 'flat',
  import: 'flat',
};

/**
 * Why a measurement that grows linearly does (issue 16: such growth must be explained). The
 * report prints these beside a linear or super-linear verdict; one without an entry is listed
 * as unexplained.
 */
export const GROWTH_EXPLANATIONS: Record<string, string> = {
  'dora-org':
    'a scale multiplies the organisation (250 / 1,000 / 2,000 Systems, each with the same two years of history), not the history of a System: org-wide DORA reads one roll-up row per System and day of the window, so the pages it touches grow with the number of Systems, while its time grows sub-linearly; the per-System work is flat (dora-system)',
  'dora-teams':
    "the answer has one row per team (44 / 179 / 359 teams at 0.25 / 1 / 2), each computed from its Systems' roll-ups: the work grows with the number of teams and Systems in the answer, while one team's figures stay flat (dora-team)",
  'dora-systems':
    "sorting every System by a metric reads one roll-up summary per System of the organisation (250 / 1,000 / 2,000) before the first page can be cut: the work grows with the number of Systems, while one System's figures stay flat (dora-system)",
  'audit-full':
    'the full re-verification reads and re-hashes every event of the chain, which grows with the history (a million events at scale 1): it is the background check, not a request; GET /audit/verify checks only the events after the last verified checkpoint',
};

/** The base id of a series id (`dora-org/engine` → `dora-org`), whose expectation applies. */
export function baseId(id: string): string {
  return id.split('/')[0].replace(/^ingest (.*)$/, 'ingest');
}

/** A scale's run as the growth needs it. */
export interface ScaledRun {
  scale: number;
  run: Pick<
    DatabaseRun,
    'latencies' | 'ingest' | 'audit' | 'bulkImport' | 'explain'
  >;
}

function expectedOf(id: string): GrowthVerdict {
  return EXPECTED_GROWTH[baseId(id)] ?? 'flat';
}

/**
 * The series of every measurement the runs hold: each latency (engine and HTTP) by p50 with its
 * p95, `GET /audit/verify`, the full re-verification, ingest and import as time per report or
 * record, and each request path's pages touched (EXPLAIN); a measurement only some scales took
 * has only their points.
 */
export function growthSeries(runs: ScaledRun[]): GrowthSeries[] {
  const series = new Map<string, GrowthSeries>();
  const add = (
    id: string,
    title: string,
    unit: GrowthUnit,
    point: GrowthPoint,
  ) => {
    const s = series.get(id) ?? {
      id,
      title,
      unit,
      expected: expectedOf(id),
      points: [],
    };
    s.points.push(point);
    series.set(id, s);
  };
  for (const { scale, run } of [...runs].sort((a, b) => a.scale - b.scale)) {
    for (const l of run.latencies) {
      // The team and System measured are each installation's busiest: named per scale in the report.
      const title = l.title.replace(/ \((group|system):[^)]*\)/, '');
      add(`${l.id}/${l.path}`, `${title} (${l.path})`, 'ms', {
        scale,
        value: l.latency.p50,
        p95: l.latency.p95,
        n: l.latency.n,
      });
    }
    if (run.audit) {
      add(
        'audit-verify/http',
        'GET /audit/verify after 1,000 new events (http)',
        'ms',
        {
          scale,
          value: run.audit.latency.p50,
          p95: run.audit.latency.p95,
          n: run.audit.latency.n,
        },
      );
      if (run.audit.full) {
        add(
          'audit-full',
          'full re-verification of the audit chain (in process, once)',
          'ms',
          { scale, value: run.audit.full.seconds * 1000, n: 1 },
        );
      }
    }
    for (const i of run.ingest) {
      if (i.reportsPerSecond > 0) {
        add(
          `ingest ${i.route}`,
          `${i.route}: ms of one process per report (1000 / reports per second)`,
          'ms',
          { scale, value: 1000 / i.reportsPerSecond },
        );
      }
    }
    if (run.bulkImport && run.bulkImport.recordsPerSecond > 0) {
      add(
        'import',
        'bulk import: ms per 1,000 records (1,000,000 / records per second)',
        'ms',
        { scale, value: 1_000_000 / run.bulkImport.recordsPerSecond },
      );
    }
    for (const w of run.explain?.work ?? []) {
      add(
        `${w.scenario}/pages`,
        `${w.scenario}: shared pages touched by its ${w.statements} distinct statements (EXPLAIN ANALYZE)`,
        'pages',
        { scale, value: w.buffers },
      );
    }
  }
  return [...series.values()];
}
