/*
 * npm run bench -- [--db postgres|sqlite|both] [--iterations 100] [--ingest-seconds 30] [--load]
 *   [--scale 1] [--sqlite-scale 0.05] [--seed 1] [--postgres URL] [--sqlite-file PATH]
 *   [--only engine,explain,reference,http,audit,rate,ingest,import,pages]
 *   [--scenarios dora-org,dora-team,dora-system,dora-teams,dora-systems] [--cpu-prof]
 *   [--import-records 100000] [--page-visits 3]
 *   [--results bench/results/NAME.json]
 * npm run bench -- --scales 0.25,1,2 [--only engine,explain,http,audit] [--reload] [--load-only]
 *   [--results bench/results/scale-DATE.json] [--seed 1] [--iterations 100] [--postgres URL]
 * npm run bench -- --soak [30m] [--rate 50] [--soak-scale 0.01] [--heap-snapshots] [--postgres URL]
 *
 * Measures the installations bench:data loaded (with --load, loads them first) and writes
 * bench/results/latest.json and latest.md. With --only (for working on one part) it measures
 * those parts, prints them, and leaves the results files alone: they always hold a whole run.
 * --results FILE also writes the run's JSON (and its Markdown beside it) there, with --only too.
 * With --scales it loads an installation of each scale into its own database (or reuses one
 * loaded before with the same metadata), measures each, and writes how every measurement grows
 * into bench/results/scale-<date>.md and .json (src/scale/runScales.ts).
 * With --soak it runs the soak instead (not part of CI): two backend replicas on a database of
 * its own under a steady mixed load for the duration; see packages/bench/README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import { execSync } from 'node:child_process';
import { loadDatabase, readManifest } from '../load/loadDatabase';
import { restorePristineCopy } from '../load/pristineCopy';
import { formatDuration } from '../load/Progress';
import { scalePlan } from '../model/scalePlan';
import { RESULT_NOTES } from '../measure/notes';
import { BenchResults, renderMarkdown } from '../measure/report';
import { benchDir } from '../paths';
import { runDatabase } from '../scenarios/runDatabase';
import { parseBenchArgs } from './args';
import { runSoak } from '../soak/runSoak';
import { existingSoakSection } from '../soak/soakReport';
import { formatSoakDuration } from '../soak/duration';
import { runScales } from '../scale/runScales';
import { formattedMarkdown, writeNamedResults } from '../measure/writeResults';
import { calibrationLines } from '../measure/calibration';

/**
 * The machine, and its speed at fixed work (src/measure/calibration.ts): machines of the same
 * kind differ, so a run is compared with another by these first.
 */
async function machine(
  postgres?: string,
): Promise<Record<string, string | number>> {
  const cpus = os.cpus();
  let psql = 'unknown';
  try {
    psql = execSync('psql --version', { encoding: 'utf8' }).trim();
  } catch {
    // Reported from the server by each run instead.
  }
  return {
    cpus: os.availableParallelism(),
    'cpu model': cpus[0]?.model ?? 'unknown',
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    'psql client': psql,
    'load average at start (1, 5, 15 min)': os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(' '),
    ...(await calibrationLines(postgres)),
  };
}

async function main() {
  const args = parseBenchArgs(process.argv.slice(2));
  const started = Date.now();
  const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
  if (args.soak) {
    const { durationMs, rate, scale, heapSnapshots } = args.soak;
    const soak = await runSoak({
      durationMs,
      rate,
      scale,
      seed: args.seed,
      postgres: args.postgres,
      heapSnapshots,
      replicas: 2,
      command: `npm run bench -- --soak ${formatSoakDuration(
        durationMs,
      )} --rate ${rate} --soak-scale ${scale}${
        heapSnapshots ? ' --heap-snapshots' : ''
      }`,
      log,
    });
    process.exitCode = soak.pass ? 0 : 1;
    return;
  }
  if (args.scales) {
    await runScales(args, await machine(args.postgres), log);
    return;
  }
  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    machine: await machine(
      args.databases.includes('postgres') ? args.postgres : undefined,
    ),
    commands: [
      `npm run bench:data -- --db postgres --scale ${args.scale}`,
      `npm run bench:data -- --db sqlite --sqlite-scale ${args.sqliteScale}`,
      `npm run bench -- --db ${
        args.databases.length === 2 ? 'both' : args.databases[0]
      } --iterations ${args.iterations} --ingest-seconds ${
        args.ingestSeconds
      } --import-records ${args.importRecords} --page-visits ${
        args.pageVisits
      }${args.cpuProf ? ' --cpu-prof' : ''}`,
    ],
    runs: [],
    notes: RESULT_NOTES,
    wallSeconds: 0,
  };
  for (const database of args.databases) {
    let manifest = readManifest(
      database,
      database === 'postgres' ? args.postgres : undefined,
    );
    if (args.load || !manifest) {
      if (!args.load) {
        throw new Error(
          `no ${database} installation recorded for ${
            database === 'postgres' ? args.postgres : args.sqliteFile
          }: run npm run bench:data -- --db ${database}${
            database === 'postgres' ? ` --postgres ${args.postgres}` : ''
          } first, or pass --load`,
        );
      }
      const scale = database === 'postgres' ? args.scale : args.sqliteScale;
      manifest = await loadDatabase({
        database,
        target: database === 'postgres' ? args.postgres : args.sqliteFile,
        plan: scalePlan(scale, { seed: args.seed, end: args.end }),
        rollups: args.rollups,
        savePristine: true,
      });
    }
    if (database === 'postgres' && manifest.pristine && !args.load) {
      // Each run starts from the installation as loaded, not from what earlier runs wrote.
      const t = Date.now();
      if (await restorePristineCopy(args.postgres)) {
        log(
          `postgres: restored from ${manifest.pristine} in ${(
            (Date.now() - t) /
            1000
          ).toFixed(1)}s`,
        );
      }
    }
    log(
      `${database}: scale ${
        manifest.plan.scale
      }, ${manifest.rows.toLocaleString('en-US')} rows`,
    );
    results.runs.push(
      await runDatabase(database, manifest, {
        iterations: args.iterations,
        ingestSeconds: args.ingestSeconds,
        ingestConnections: 8,
        port: 7350,
        referenceTimeoutMs: 60_000,
        importRecords: args.importRecords,
        pageVisits: args.pageVisits,
        cpuProfile: args.cpuProf,
        log,
        ...(args.only ? { only: args.only } : {}),
        ...(args.scenarios ? { scenarios: args.scenarios } : {}),
      }),
    );
  }
  results.wallSeconds = (Date.now() - started) / 1000;
  if (args.only || args.scenarios) {
    for (const run of results.runs) {
      for (const t of run.targets.filter(x => x.status !== 'not run')) {
        log(
          `${run.database} ${t.status.toUpperCase()} ${t.name}: ${t.value} ${
            t.unit
          } (${t.limit})${t.detail ? ` ${t.detail}` : ''}`,
        );
      }
    }
    if (args.results) {
      log(`results: ${writeNamedResults(args.results, results)}`);
    }
    const partial = [
      ...(args.only ? [`--only ${args.only.join(',')}`] : []),
      ...(args.scenarios ? [`--scenarios ${args.scenarios.join(',')}`] : []),
    ];
    log(
      `done in ${formatDuration(results.wallSeconds)} (${partial.join(
        ' ',
      )}: latest.json and latest.md not written)`,
    );
    return;
  }
  results.machine['load average at end (1, 5, 15 min)'] = os
    .loadavg()
    .map(l => l.toFixed(2))
    .join(' ');
  const dir = benchDir('results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    `${dir}/latest.json`,
    `${JSON.stringify(results, null, 2)}\n`,
  );
  // The soak writes its own section into latest.md; a bench run keeps it.
  const soakSection = fs.existsSync(`${dir}/latest.md`)
    ? existingSoakSection(fs.readFileSync(`${dir}/latest.md`, 'utf8'))
    : undefined;
  fs.writeFileSync(
    `${dir}/latest.md`,
    formattedMarkdown(
      `${renderMarkdown(results)}${soakSection ? `\n${soakSection}` : ''}`,
      `${dir}/latest.md`,
    ),
  );
  if (args.results) {
    log(`results: ${writeNamedResults(args.results, results)}`);
  }
  log(
    `done in ${formatDuration(results.wallSeconds)}: bench/results/latest.md`,
  );
  for (const run of results.runs) {
    for (const t of run.targets) {
      log(
        `${run.database} ${t.status.toUpperCase()} ${t.name}: ${
          t.value === undefined ? '' : `${t.value} ${t.unit} `
        }(${t.limit})${t.detail ? ` ${t.detail}` : ''}`,
      );
    }
  }
}

main().catch(error => {
  process.stderr.write(`bench failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
