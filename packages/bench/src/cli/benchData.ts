/*
 * npm run bench:data -- [--db postgres|sqlite|both] [--scale 1] [--sqlite-scale 0.05] [--seed 1]
 *   [--end 2026-11-01T00:00:00Z] [--postgres URL] [--sqlite-file PATH] [--rollups generate|sync|none]
 *
 * Generates the reference large installation (times --scale) into the plugin's tables.
 */
import { loadDatabase } from '../load/loadDatabase';
import { formatDuration } from '../load/Progress';
import { scalePlan } from '../model/scalePlan';
import { parseBenchArgs } from './args';

async function main() {
  const args = parseBenchArgs(process.argv.slice(2));
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
