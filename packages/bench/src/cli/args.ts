import { parseArgs } from 'node:util';
import { DEFAULT_POSTGRES_URL } from '../load/connection';
import { BenchDatabase, RollupOption } from '../load/loadDatabase';
import { benchDir } from '../paths';
import { parseDuration } from '../soak/duration';
import { IMPORT_RECORDS } from '../scenarios/importHttpScenario';

/** A soak run (`--soak 30m`): a steady mixed load on two replicas, instead of the measurements. */
export interface SoakArgs {
  durationMs: number;
  /** Requests per second over both replicas. */
  rate: number;
  /** Scale of the generated history in the soak's own database. */
  scale: number;
  heapSnapshots: boolean;
}

/**
 * The soak's defaults: 30 minutes, 20 requests/s, a history of scale 0.01. The rate is well below
 * saturation on the benchmark machine as it is shared (2 cores, load average 8-18 from other
 * work): at 50 requests/s each replica used all of the ~13 % of a core the scheduler gave it,
 * p99 went to seconds, and one stall of a few seconds left 1,500 requests open; at 20 they use
 * 6-8 % and recover from such stalls at once. `--rate 50` on a machine of its own.
 */
export const SOAK_DEFAULTS = {
  duration: '30m',
  rate: 20,
  scale: 0.01,
} as const;

/** Options shared by `bench:data` and `bench`. */
export interface BenchArgs {
  databases: BenchDatabase[];
  scale: number;
  sqliteScale: number;
  seed: number;
  end?: string;
  postgres: string;
  sqliteFile: string;
  rollups: RollupOption;
  iterations: number;
  ingestSeconds: number;
  load: boolean;
  /** Only these parts of the run (for working on one of them); undefined: everything. */
  only?: BenchPart[];
  /** Only these read scenarios (ids such as dora-org, dora-teams) of the engine and HTTP parts; undefined: all. */
  scenarios?: string[];
  /** Records of the bulk import part. */
  importRecords: number;
  /** Visits of each page in the pages part (the median is judged). */
  pageVisits: number;
  /** Write a CPU profile of the backend and put its top frames into the results. */
  cpuProf: boolean;
  /** `--soak [duration]`: run the soak instead. */
  soak?: SoakArgs;
  /**
   * `--scales 0.25,1,2`: load (or reuse) an installation of each scale in its own database and
   * measure the `--only` parts (default {@link SCALE_PARTS}) of each, then write the growth report.
   */
  scales?: number[];
  /** `--results FILE`: where a run's JSON (and a .md beside it) is written, also with --only. */
  results?: string;
  /** `--reload`: with --scales, load every scale's database again even if it matches. */
  reload: boolean;
  /** `--load-only`: with --scales, load (or reuse) the databases and stop before measuring. */
  loadOnly: boolean;
  /**
   * `--reuse-stale`: with --scales, reuse a database of the right scale, seed and end even when
   * the generator, loader or migrations changed since its load (the report says so).
   */
  reuseStale: boolean;
  /** `bench:data --dry-run`: generate into a counting sink only (rows, time, memory); no database. */
  dryRun: boolean;
}

/** The parts a scale run measures by default: the read paths (ingest, import and pages are measured at scale 1 by the normal run). */
export const SCALE_PARTS = ['engine', 'explain', 'http', 'audit'] as const;

/** The parts of a bench run, in the order they run. */
export const BENCH_PARTS = [
  'engine',
  'explain',
  'reference',
  'http',
  'audit',
  'rate',
  'ingest',
  'import',
  'pages',
] as const;

/** One part of a bench run. */
export type BenchPart = (typeof BENCH_PARTS)[number];

/** The SQLite file of the bench installation (named as the backend names a plugin's database). */
export const DEFAULT_SQLITE_FILE = benchDir(
  '.data',
  'sqlite',
  'release-orchestration.sqlite',
);

function positiveNumber(
  name: string,
  value: string | undefined,
  fallback: number,
): number {
  if (value === undefined) {
    return fallback;
  }
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    throw new Error(`--${name}: must be a positive number, got '${value}'`);
  }
  return n;
}

/** Parses the command line; a mistake throws with the flag named. */
export function parseBenchArgs(argv: string[]): BenchArgs {
  // `--soak` without a duration soaks for the default one.
  const soakAt = argv.indexOf('--soak');
  const args =
    soakAt >= 0 &&
    (soakAt === argv.length - 1 || argv[soakAt + 1].startsWith('--'))
      ? [
          ...argv.slice(0, soakAt + 1),
          SOAK_DEFAULTS.duration,
          ...argv.slice(soakAt + 1),
        ]
      : argv;
  const { values } = parseArgs({
    args,
    options: {
      db: { type: 'string', default: 'both' },
      scale: { type: 'string' },
      'sqlite-scale': { type: 'string' },
      seed: { type: 'string' },
      end: { type: 'string' },
      postgres: { type: 'string', default: DEFAULT_POSTGRES_URL },
      'sqlite-file': { type: 'string', default: DEFAULT_SQLITE_FILE },
      rollups: { type: 'string', default: 'generate' },
      iterations: { type: 'string' },
      'ingest-seconds': { type: 'string' },
      load: { type: 'boolean', default: false },
      only: { type: 'string' },
      scenarios: { type: 'string' },
      soak: { type: 'string' },
      rate: { type: 'string' },
      'soak-scale': { type: 'string' },
      'heap-snapshots': { type: 'boolean', default: false },
      'import-records': { type: 'string' },
      'page-visits': { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
      scales: { type: 'string' },
      results: { type: 'string' },
      reload: { type: 'boolean', default: false },
      'load-only': { type: 'boolean', default: false },
      'reuse-stale': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const db = values.db!;
  if (!['both', 'postgres', 'sqlite'].includes(db)) {
    throw new Error(`--db: must be postgres, sqlite or both, got '${db}'`);
  }
  const rollups = values.rollups!;
  if (!['generate', 'sync', 'none'].includes(rollups)) {
    throw new Error(
      `--rollups: must be generate, sync or none, got '${rollups}'`,
    );
  }
  const seed = positiveNumber('seed', values.seed, 1);
  if (!Number.isInteger(seed)) {
    throw new Error(`--seed: must be a whole number, got '${values.seed}'`);
  }
  let only: BenchPart[] | undefined;
  if (values.only !== undefined) {
    only = values.only.split(',').map(part => part.trim()) as BenchPart[];
    const unknown = only.filter(part => !BENCH_PARTS.includes(part));
    if (unknown.length > 0 || only.length === 0) {
      throw new Error(
        `--only: must name parts among ${BENCH_PARTS.join(', ')}, got '${
          values.only
        }'`,
      );
    }
  }
  let scenarios: string[] | undefined;
  if (values.scenarios !== undefined) {
    scenarios = values.scenarios.split(',').map(id => id.trim());
    if (scenarios.some(id => !/^[a-z][a-z-]*$/.test(id))) {
      throw new Error(
        `--scenarios: must be scenario ids separated by commas (e.g. dora-org,dora-teams), got '${values.scenarios}'`,
      );
    }
  }
  let scales: number[] | undefined;
  if (values.scales !== undefined) {
    scales = values.scales
      .split(',')
      .map(x => positiveNumber('scales', x.trim(), NaN));
    if (new Set(scales).size !== scales.length || scales.length < 2) {
      throw new Error(
        `--scales: must name at least two different scales, e.g. 0.25,1,2, got '${values.scales}'`,
      );
    }
    scales.sort((a, b) => a - b);
    if (db === 'sqlite') {
      throw new Error('--scales: runs on PostgreSQL only (--db postgres)');
    }
  }
  if (
    (values.reload || values['load-only'] || values['reuse-stale']) &&
    !scales
  ) {
    throw new Error('--reload, --load-only and --reuse-stale go with --scales');
  }
  return {
    databases: db === 'both' ? ['postgres', 'sqlite'] : [db as BenchDatabase],
    scale: positiveNumber('scale', values.scale, 1),
    sqliteScale: positiveNumber('sqlite-scale', values['sqlite-scale'], 0.05),
    seed,
    end: values.end,
    postgres: values.postgres!,
    sqliteFile: values['sqlite-file']!,
    rollups: rollups as RollupOption,
    iterations: positiveNumber('iterations', values.iterations, 100),
    ingestSeconds: positiveNumber(
      'ingest-seconds',
      values['ingest-seconds'],
      30,
    ),
    load: values.load!,
    importRecords: Math.round(
      positiveNumber(
        'import-records',
        values['import-records'],
        IMPORT_RECORDS,
      ),
    ),
    pageVisits: Math.round(
      positiveNumber('page-visits', values['page-visits'], 3),
    ),
    cpuProf: values['cpu-prof']!,
    reload: values.reload!,
    loadOnly: values['load-only']!,
    reuseStale: values['reuse-stale']!,
    dryRun: values['dry-run']!,
    ...(scales ? { scales } : {}),
    ...(values.results !== undefined ? { results: values.results } : {}),
    ...(only ? { only } : {}),
    ...(scenarios ? { scenarios } : {}),
    ...(values.soak !== undefined
      ? {
          soak: {
            durationMs: parseDuration(values.soak),
            rate: positiveNumber('rate', values.rate, SOAK_DEFAULTS.rate),
            scale: positiveNumber(
              'soak-scale',
              values['soak-scale'],
              SOAK_DEFAULTS.scale,
            ),
            heapSnapshots: values['heap-snapshots']!,
          },
        }
      : {}),
  };
}
