import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BenchArgs, SCALE_PARTS } from '../cli/args';
import { formatDuration } from '../load/Progress';
import {
  renderScaleMarkdown,
  scaleGrowth,
  ScaleResults,
  ScaleRunEntry,
} from '../measure/scaleReport';
import { benchDir } from '../paths';
import { runDatabase } from '../scenarios/runDatabase';
import {
  databaseBytes,
  ensureScaleDatabase,
  ScaleDatabase,
} from './scaleDatabases';
import { formattedMarkdown } from '../measure/writeResults';

const loadAverage = () =>
  os
    .loadavg()
    .map(l => l.toFixed(2))
    .join(' ');

/** The command that reproduces a scale run. */
export function scaleCommand(
  args: BenchArgs,
  parts: readonly string[],
): string {
  return [
    `npm run bench -- --scales ${args.scales!.join(',')}`,
    `--only ${parts.join(',')}`,
    `--iterations ${args.iterations}`,
    ...(args.seed !== 1 ? [`--seed ${args.seed}`] : []),
    ...(args.end ? [`--end ${args.end}`] : []),
    ...(args.rollups !== 'generate' ? [`--rollups ${args.rollups}`] : []),
    ...(args.reuseStale ? ['--reuse-stale'] : []),
  ].join(' ');
}

/** `bench/results/scale-<date>.json` unless --results names another file. */
export function scaleResultsFile(args: BenchArgs, now: Date): string {
  return path.resolve(
    args.results ??
      benchDir('results', `scale-${now.toISOString().slice(0, 10)}.json`),
  );
}

/**
 * `npm run bench -- --scales 0.25,1,2`: loads (or reuses) each scale's database, smallest first,
 * then measures the parts of each (default: the read paths), and writes the growth of every
 * measurement: `scale-<date>.json` and `.md`, rewritten after each scale so an interrupted run
 * keeps what it measured. EXPLAIN plans go to `explain/scale-<scale>/` beside the results.
 */
export async function runScales(
  args: BenchArgs,
  machine: Record<string, string | number>,
  log: (message: string) => void,
): Promise<ScaleResults | undefined> {
  const started = Date.now();
  const parts = args.only ?? [...SCALE_PARTS];
  const file = scaleResultsFile(args, new Date(started));
  const dir = path.dirname(file);
  const databases: ScaleDatabase[] = [];
  for (const scale of args.scales!) {
    databases.push(
      await ensureScaleDatabase({
        scale,
        seed: args.seed,
        ...(args.end ? { end: args.end } : {}),
        rollups: args.rollups,
        postgres: args.postgres,
        reload: args.reload,
        reuseStale: args.reuseStale,
        log,
      }),
    );
  }
  if (args.loadOnly) {
    for (const d of databases) {
      const gib = (await databaseBytes(d.url)) / 2 ** 30;
      log(
        `scale ${d.scale}: ${d.database} ${
          d.reused ? 'reused' : 'loaded'
        }, ${gib.toFixed(2)} GiB`,
      );
    }
    log(
      `--load-only: done in ${formatDuration(
        (Date.now() - started) / 1000,
      )}; measure with the same command without --load-only`,
    );
    return undefined;
  }
  const results: ScaleResults = {
    generatedAt: new Date(started).toISOString(),
    command: scaleCommand(args, parts),
    machine,
    parts,
    scales: [],
    growth: [],
    wallSeconds: 0,
  };
  for (const d of databases) {
    const start = loadAverage();
    log(`scale ${d.scale}: measuring ${parts.join(', ')} on ${d.database}`);
    const run = await runDatabase('postgres', d.manifest, {
      iterations: args.iterations,
      ingestSeconds: args.ingestSeconds,
      ingestConnections: 8,
      port: 7350,
      referenceTimeoutMs: 60_000,
      importRecords: args.importRecords,
      pageVisits: args.pageVisits,
      cpuProfile: args.cpuProf,
      log,
      only: parts,
      ...(args.scenarios ? { scenarios: args.scenarios } : {}),
      explainDir: path.join(dir, 'explain', `scale-${d.scale}`),
    });
    const entry: ScaleRunEntry = {
      scale: d.scale,
      database: d.database,
      reused: d.reused,
      ...(d.stale ? { stale: true } : {}),
      loadedAt: d.manifest.loadedAt,
      loadSeconds: d.manifest.seconds.total,
      databaseBytes: await databaseBytes(d.url),
      loadAverage: { start, end: loadAverage() },
      run,
    };
    results.scales.push(entry);
    results.growth = scaleGrowth(results.scales);
    results.wallSeconds = (Date.now() - started) / 1000;
    writeScaleResults(file, results);
    log(
      `scale ${d.scale}: measured in ${formatDuration(
        run.wallSeconds,
      )}; ${file}`,
    );
  }
  for (const g of results.growth) {
    log(
      `${g.verdict ?? 'n/a'}${
        g.meets === false ? ' (WORSE THAN EXPECTED)' : ''
      } ${g.id}: ${g.points
        .map(p => `${p.scale}: ${p.value.toFixed(2)}`)
        .join(', ')} ${g.unit}, exponent ${g.exponent?.toFixed(2) ?? '–'}`,
    );
  }
  log(
    `done in ${formatDuration(results.wallSeconds)}: ${file.replace(
      /\.json$/,
      '.md',
    )}`,
  );
  return results;
}

/** Writes the scale results' JSON and Markdown (`.md` beside it). */
export function writeScaleResults(file: string, results: ScaleResults) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  const markdown = file.replace(/(\.json)?$/, '.md');
  fs.writeFileSync(
    markdown,
    formattedMarkdown(renderScaleMarkdown(results), markdown),
  );
}
