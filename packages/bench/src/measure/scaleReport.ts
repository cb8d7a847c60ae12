import type { DatabaseRun } from './report';
import {
  computeGrowth,
  FLAT_RATIO,
  GROWTH_EXPLANATIONS,
  GrowthResult,
  growthSeries,
  LINEAR_EXPONENT,
  NOISE_FLOOR,
  SUPER_LINEAR_EXPONENT,
  baseId,
} from './scaleGrowth';

/** One scale of a scale run: its database, how it was loaded, and the run's measurements. */
export interface ScaleRunEntry {
  scale: number;
  /** The database (name, not the URL). */
  database: string;
  /** The installation was already loaded with the same metadata, and reused. */
  reused: boolean;
  /** Reused with --reuse-stale: the generator, loader or migrations changed since its load. */
  stale?: boolean;
  /** When it was loaded, and in how long (by this run or an earlier one). */
  loadedAt: string;
  loadSeconds: number;
  /** Size of the database on disk when measured. */
  databaseBytes?: number;
  /** Load average (1, 5, 15 min) when this scale's measurements started and ended. */
  loadAverage: { start: string; end: string };
  run: DatabaseRun;
}

/** `bench/results/scale-<date>.json`. */
export interface ScaleResults {
  generatedAt: string;
  command: string;
  machine: Record<string, string | number>;
  parts: string[];
  scales: ScaleRunEntry[];
  growth: GrowthResult[];
  wallSeconds: number;
}

/** Computes the growth of every measurement of the scales' runs. */
export function scaleGrowth(scales: ScaleRunEntry[]): GrowthResult[] {
  return growthSeries(scales.map(s => ({ scale: s.scale, run: s.run }))).map(
    computeGrowth,
  );
}

const num = (n: number | undefined, digits = 1) =>
  n === undefined || !Number.isFinite(n)
    ? '–'
    : n.toLocaleString('en-US', {
        maximumFractionDigits: digits,
        minimumFractionDigits: digits,
      });

const gib = (bytes: number | undefined) =>
  bytes === undefined ? '–' : `${num(bytes / 2 ** 30, 2)} GiB`;

/** The verdict as shown: bold when it is worse than expected. */
function verdictCell(g: GrowthResult): string {
  if (!g.verdict) {
    return 'n/a';
  }
  return g.meets ? g.verdict : `**${g.verdict}**`;
}

function explanation(g: GrowthResult): string {
  if (g.verdict !== 'linear' && g.verdict !== 'super-linear') {
    return '';
  }
  return GROWTH_EXPLANATIONS[baseId(g.id)] ?? '**unexplained**';
}

function valueAt(g: GrowthResult, scale: number, pick: 'value' | 'p95') {
  const p = g.points.find(x => x.scale === scale);
  return p ? num(p[pick], g.unit === 'pages' ? 0 : 1) : '–';
}

/** The steps' ratios, `×1.2 / ×3.9`. */
function ratios(g: GrowthResult): string {
  return g.steps
    .map(s =>
      s.ratio === undefined
        ? '–'
        : `×${num(s.ratio, 2)}${
            s.flat && s.ratio >= FLAT_RATIO ? ' (noise)' : ''
          }`,
    )
    .join(' / ');
}

function growthTable(
  growth: GrowthResult[],
  scales: number[],
  unit: 'ms' | 'pages',
): string[] {
  const at = scales.join(' / ');
  const rows =
    unit === 'ms'
      ? [
          `| Measurement | p50 ms at ${at} | p95 ms at ${at} | p50 ratio per step | Exponent p50 (p95) | Expected | Verdict | Explanation |`,
          '|---|---|---|---|---|---|---|---|',
        ]
      : [
          `| Request path | Pages at ${at} | Ratio per step | Exponent | Expected | Verdict | Explanation |`,
          '|---|---|---|---|---|---|---|',
        ];
  for (const g of growth.filter(x => x.unit === unit)) {
    const values = scales.map(s => valueAt(g, s, 'value')).join(' / ');
    if (unit === 'ms') {
      const p95 = scales.map(s => valueAt(g, s, 'p95')).join(' / ');
      rows.push(
        `| ${g.title} | ${values} | ${p95} | ${ratios(g)} | ${num(
          g.exponent,
          2,
        )} (${num(g.p95Exponent, 2)}) | ${g.expected} | ${verdictCell(
          g,
        )} | ${explanation(g)} |`,
      );
    } else {
      rows.push(
        `| ${g.title} | ${values} | ${ratios(g)} | ${num(g.exponent, 2)} | ${
          g.expected
        } | ${verdictCell(g)} | ${explanation(g)} |`,
      );
    }
  }
  return rows;
}

/** `bench/results/scale-<date>.md`. */
export function renderScaleMarkdown(results: ScaleResults): string {
  const scales = results.scales.map(s => s.scale);
  const growth = results.growth;
  const worse = growth.filter(g => g.meets === false);
  const unexplained = growth.filter(g => explanation(g) === '**unexplained**');
  const out = [
    '# Release Orchestration benchmarks: growth with the installation',
    '',
    `Generated ${results.generatedAt} by \`${results.command}\` in ${num(
      results.wallSeconds / 60,
    )} min; parts measured at each scale: ${results.parts.join(', ')}.`,
    '',
    `Machine: ${Object.entries(results.machine)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ')}.`,
    '',
    '## Installations',
    '',
    "| Scale | Database | Rows | Deployments | Systems (the team's) | Team, System measured | Size | Loaded | Measured in | Load average at start → end |",
    '|---:|---|---:|---:|---:|---|---:|---|---:|---|',
    ...results.scales.map(
      s =>
        `| ${s.scale} | ${s.database} | ${s.run.data.rows.toLocaleString(
          'en-US',
        )} | ${(s.run.data.counts.deployments ?? 0).toLocaleString(
          'en-US',
        )} | ${s.run.subjects.orgSystems ?? '–'} (${
          s.run.subjects.teamSystems ?? '–'
        }) | ${s.run.subjects.team ?? '–'}, ${
          s.run.subjects.system ?? '–'
        } | ${gib(s.databaseBytes)} | ${
          s.reused
            ? `reused${
                s.stale
                  ? ' (--reuse-stale: generator, loader or migrations changed since)'
                  : ''
              }, loaded`
            : 'loaded'
        } ${s.loadedAt.slice(0, 16)}Z in ${num(s.loadSeconds / 60)} min | ${num(
          s.run.wallSeconds,
          0,
        )} s | ${s.loadAverage.start} → ${s.loadAverage.end} |`,
    ),
    '',
    "The team and the System measured are the busiest of each installation (most deployments): the team's Systems are in brackets.",
    '',
    '## Verdict',
    '',
    worse.length === 0
      ? `Every measurement grows as expected or better (${growth.length} measurements).`
      : `Worse than expected: ${worse
          .map(g => `${g.id} (${g.verdict}, exponent ${num(g.exponent, 2)})`)
          .join('; ')}.`,
    '',
    unexplained.length === 0
      ? 'Every measurement that grows linearly or faster has an explanation.'
      : `Growing linearly or faster without an explanation (issue 16 asks for one): ${unexplained
          .map(g => g.id)
          .join(', ')}.`,
    '',
    `How the verdict is computed (\`src/measure/scaleGrowth.ts\`): the ratio of each step is the value at the larger scale over the value at the smaller; a measurement is **flat** when every step grows less than ${FLAT_RATIO}× (or by less than ${NOISE_FLOOR.ms} ms: the noise of a shared machine; marked "noise"). Otherwise the growth exponent, the least-squares slope of log(value) over log(scale) (with two scales: log(t2/t1) / log(s2/s1); 0 is flat, 1 grows as the history), decides: **sub-linear** below ${LINEAR_EXPONENT}, **linear** up to ${SUPER_LINEAR_EXPONENT}, **super-linear** above. Latencies are judged on p50 (the median of many requests; p95 on a shared 2-core machine is mostly its scheduler); the p95 exponent is shown beside it. Expected: a System's and a team's figures flat, org-wide ones sub-linear (\`EXPECTED_GROWTH\`); a verdict worse than expected is in bold.`,
    '',
    '## Latencies',
    '',
    ...growthTable(growth, scales, 'ms'),
    '',
  ];
  if (growth.some(g => g.unit === 'pages')) {
    out.push(
      '## Work per request: pages touched',
      '',
      `Shared buffers (8 KiB pages, hit or read) of each request path's distinct statements, from their \`EXPLAIN (ANALYZE, BUFFERS)\` plans: they depend on the data and the plans, not on how busy the machine is, so they show the growth of the work itself. The plans of each scale are in ${[
        ...new Set(
          results.scales.flatMap(s =>
            (s.run.explain?.files ?? [])
              .slice(0, 1)
              .map(f => `\`${f.replace(/\/[^/]*$/, '/')}\``),
          ),
        ),
      ].join(', ')}.`,
      '',
      ...growthTable(growth, scales, 'pages'),
      '',
    );
  }
  out.push(
    '## Not measured here',
    '',
    'Ingest, the fixed rate, the bulk import and the pages are measured once, at scale 1, by the normal run (`npm run bench`, bench/results/latest.md); a scale run measures them too when `--only` names them.',
    '',
    '## Reproduce',
    '',
    '```sh',
    results.command,
    '```',
    '',
  );
  return out.join('\n');
}
