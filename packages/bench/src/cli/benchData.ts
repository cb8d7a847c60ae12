/*
 * npm run bench:data -- [--db postgres|sqlite|both] [--scale 1] [--sqlite-scale 0.05] [--seed 1]
 *   [--end 2026-11-01T00:00:00Z] [--postgres URL] [--sqlite-file PATH] [--rollups generate|sync|none]
 * npm run bench:data -- --dry-run [--scale 2] [--seed 1]
 *
 * Generates the reference large installation (times --scale) into the plugin's tables. With
 * --dry-run it generates into a counting sink only (no database): rows per table, the time the
 * generator takes and its peak memory, to check a scale before loading it.
 */
import { CountingSink } from '../load/CountingSink';
import { loadDatabase } from '../load/loadDatabase';
import { auditEventsAtScale } from '../load/writeAuditChain';
import { generateInstallation } from '../model/generateInstallation';
import { formatDuration } from '../load/Progress';
import { scalePlan } from '../model/scalePlan';
import { parseBenchArgs } from './args';

/**
 * Generates an installation into a counting sink: what a load would write, without a database.
 * Samples the heap and RSS after every System, so a generator that kept rows would show it.
 */
async function dryRun(scale: number, seed: number, end: string | undefined) {
  const plan = scalePlan(scale, { seed, end });
  const started = Date.now();
  const peak = { rss: 0, heapUsed: 0 };
  const samples: Array<{ systems: number; heapUsedMiB: number }> = [];
  const sink = new CountingSink();
  await generateInstallation(plan, sink, {
    rollups: 'generate',
    onSystem: (done, total) => {
      const m = process.memoryUsage();
      peak.rss = Math.max(peak.rss, m.rss);
      peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
      if (done % Math.max(1, Math.round(total / 10)) === 0) {
        samples.push({
          systems: done,
          heapUsedMiB: Math.round(m.heapUsed / 2 ** 20),
        });
        process.stderr.write(
          `bench:data dry run: systems ${done}/${total}, ${sink.total.toLocaleString(
            'en-US',
          )} rows, heap used ${Math.round(
            m.heapUsed / 2 ** 20,
          )} MiB, RSS ${Math.round(m.rss / 2 ** 20)} MiB\n`,
        );
      }
    },
  });
  const result = {
    scale,
    seed: plan.seed,
    rows: sink.total + auditEventsAtScale(scale),
    counts: { ...sink.toJSON(), audit_events: auditEventsAtScale(scale) },
    generatorSeconds: (Date.now() - started) / 1000,
    peakRssMiB: Math.round(peak.rss / 2 ** 20),
    peakHeapUsedMiB: Math.round(peak.heapUsed / 2 ** 20),
    heapUsedAfterSystems: samples,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

async function main() {
  const args = parseBenchArgs(process.argv.slice(2));
  if (args.dryRun) {
    await dryRun(args.scale, args.seed, args.end);
    return;
  }
  for (const database of args.databases) {
    const scale = database === 'postgres' ? args.scale : args.sqliteScale;
    const plan = scalePlan(scale, { seed: args.seed, end: args.end });
    const target = database === 'postgres' ? args.postgres : args.sqliteFile;
    process.stderr.write(
      `bench:data ${database}: scale ${scale}, seed ${plan.seed}, into ${target}\n`,
    );
    const manifest = await loadDatabase({
      database,
      target,
      plan,
      rollups: args.rollups,
      savePristine: true,
    });
    process.stderr.write(
      `bench:data ${database}: ${manifest.rows.toLocaleString(
        'en-US',
      )} rows in ${formatDuration(manifest.seconds.total)} ` +
        `(write ${formatDuration(
          manifest.seconds.write,
        )}, analyze ${formatDuration(manifest.seconds.analyze)}, ` +
        `foreign keys ${formatDuration(manifest.seconds.foreignKeyCheck)})\n`,
    );
  }
}

main().catch(error => {
  process.stderr.write(`bench:data failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
