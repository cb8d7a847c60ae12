import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { withServer } from '../load/connection';
import {
  DataManifest,
  loadDatabase,
  manifestPath,
  RollupOption,
} from '../load/loadDatabase';
import { scalePlan } from '../model/scalePlan';
import { packageDir } from '../paths';

/**
 * The databases of a scale run (`npm run bench -- --scales 0.25,1,2`): one per scale, named
 * `ro_bench_scale_<scale>`, on the server of `--postgres`. What a database holds is recorded in
 * the database itself (its comment), after a load completed; a later run reuses it when the
 * record matches what it would load, so a rerun does not load again.
 */

/** Marks the comment as a bench installation's record. */
const KIND = 'release-orchestration-bench-installation';

/** What a scale database's comment records. */
export interface ScaleMetadata {
  kind: typeof KIND;
  scale: number;
  seed: number;
  end: string;
  rollups: RollupOption;
  /** {@link generatorFingerprint} when it was loaded. */
  generator: string;
  manifest: DataManifest;
}

/** The database of a scale: `ro_bench_scale_0_25`, `ro_bench_scale_1`, `ro_bench_scale_2`. */
export function scaleDatabaseName(scale: number): string {
  if (!(scale > 0)) {
    throw new Error(`not a scale: ${scale}`);
  }
  return `ro_bench_scale_${String(scale).replace(/[.e+-]/g, '_')}`;
}

/** `--postgres`'s URL with the database replaced by the scale's. */
export function scaleDatabaseUrl(base: string, scale: number): string {
  const url = new URL(base);
  url.pathname = `/${scaleDatabaseName(scale)}`;
  return url.toString();
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(e => e.isFile() && /\.(ts|js)$/.test(e.name))
    .filter(e => !/\.test\.ts$/.test(e.name))
    .map(e => path.join(e.parentPath, e.name))
    .sort();
}

/**
 * A digest of what decides the rows a load writes: the bench's generator and loader
 * (`src/model`, `src/load`), the demo data package's organisation and commit generators, and the
 * names of the plugin's migrations. A change to any of them makes a loaded database stale.
 */
export function generatorFingerprint(): string {
  const hash = crypto.createHash('sha256');
  const bench = packageDir();
  const demoData = path.dirname(
    require.resolve('@release-orchestration/demo-data/package.json'),
  );
  for (const file of [
    ...filesUnder(path.join(bench, 'src', 'model')),
    ...filesUnder(path.join(bench, 'src', 'load')),
    ...filesUnder(path.join(demoData, 'src')),
  ]) {
    hash.update(path.relative(path.dirname(bench), file));
    hash.update(fs.readFileSync(file));
  }
  const migrations = resolvePackagePath(
    '@release-orchestration/plugin-release-orchestration-backend',
    'migrations',
  );
  hash.update(fs.readdirSync(migrations).sort().join('\n'));
  return hash.digest('hex').slice(0, 16);
}

/** What a scale database must hold to be reused. */
export interface WantedInstallation {
  scale: number;
  seed: number;
  end: string;
  rollups: RollupOption;
  generator: string;
}

/**
 * Why a database's record does not match the installation wanted (undefined: it matches and can
 * be reused).
 */
export function metadataMismatch(
  recorded: ScaleMetadata | undefined,
  wanted: WantedInstallation,
  options: { ignoreGenerator?: boolean } = {},
): string | undefined {
  if (!recorded) {
    return 'no completed load recorded';
  }
  if (recorded.kind !== KIND) {
    return 'its comment is not a bench installation record';
  }
  for (const key of ['scale', 'seed', 'end', 'rollups', 'generator'] as const) {
    if (key === 'generator' && options.ignoreGenerator) {
      continue;
    }
    if (recorded[key] !== wanted[key]) {
      return `${key} ${recorded[key]} was loaded, ${wanted[key]} is wanted${
        key === 'generator'
          ? ' (the generator, loader or migrations changed since)'
          : ''
      }`;
    }
  }
  return undefined;
}

/** The record in a database's comment; undefined when there is no database or no record. */
export async function readScaleMetadata(
  url: string,
): Promise<ScaleMetadata | undefined> {
  return withServer(url, async (client, database) => {
    const { rows } = await client.query(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [database],
    );
    const comment: string | null | undefined = rows[0]?.comment;
    if (!comment) {
      return undefined;
    }
    try {
      return JSON.parse(comment) as ScaleMetadata;
    } catch {
      return undefined;
    }
  });
}

/** Writes the record into the database's comment. */
export async function writeScaleMetadata(
  url: string,
  metadata: ScaleMetadata,
): Promise<void> {
  await withServer(url, async (client, database) => {
    await client.query(
      `COMMENT ON DATABASE ${client.escapeIdentifier(
        database,
      )} IS ${client.escapeLiteral(JSON.stringify(metadata))}`,
    );
  });
}

/** The size of a database on disk, in bytes. */
export async function databaseBytes(url: string): Promise<number> {
  return withServer(url, async (client, database) => {
    const { rows } = await client.query(
      'SELECT pg_database_size($1)::bigint AS bytes',
      [database],
    );
    return Number(rows[0].bytes);
  });
}

/** A scale's database, ready to measure. */
export interface ScaleDatabase {
  scale: number;
  url: string;
  database: string;
  manifest: DataManifest;
  reused: boolean;
  /** Reused with --reuse-stale although the generator, loader or migrations changed since. */
  stale?: boolean;
}

/**
 * The database of a scale with its installation: reused when its record matches (unless
 * `reload`), loaded (dropped, recreated, generated) otherwise; the record is written only after
 * a load completed, so an interrupted load is never reused.
 */
export async function ensureScaleDatabase(options: {
  scale: number;
  seed: number;
  end?: string;
  rollups: RollupOption;
  postgres: string;
  reload: boolean;
  /** Reuse a database loaded by another generator digest (scale, seed, end and roll-ups matching). */
  reuseStale?: boolean;
  log(message: string): void;
}): Promise<ScaleDatabase> {
  const { scale, seed, rollups } = options;
  const plan = scalePlan(scale, { seed, end: options.end });
  const url = scaleDatabaseUrl(options.postgres, scale);
  const database = scaleDatabaseName(scale);
  const wanted: WantedInstallation = {
    scale,
    seed,
    end: new Date(plan.end).toISOString(),
    rollups,
    generator: generatorFingerprint(),
  };
  const recorded = await readScaleMetadata(url);
  const mismatch = options.reload
    ? '--reload'
    : metadataMismatch(recorded, wanted, {
        ignoreGenerator: options.reuseStale,
      });
  if (!mismatch) {
    const stale = recorded!.generator !== wanted.generator;
    options.log(
      `scale ${scale}: reusing ${database}${
        stale
          ? ` although the generator, loader or migrations changed since its load (--reuse-stale: ${
              recorded!.generator
            } loaded, ${wanted.generator} now)`
          : ''
      }, loaded ${
        recorded!.manifest.loadedAt
      } (${recorded!.manifest.rows.toLocaleString('en-US')} rows)`,
    );
    const manifest = { ...recorded!.manifest, target: url };
    // The manifest file `npm run bench -- --postgres URL` reads, from the database's record.
    const file = manifestPath('postgres', url);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
    return {
      scale,
      url,
      database,
      manifest,
      reused: true,
      ...(stale ? { stale } : {}),
    };
  }
  options.log(`scale ${scale}: loading ${database} (${mismatch})`);
  const manifest = await loadDatabase({
    database: 'postgres',
    target: url,
    plan,
    rollups,
  });
  await writeScaleMetadata(url, { kind: KIND, ...wanted, manifest });
  options.log(
    `scale ${scale}: ${database} loaded, ${manifest.rows.toLocaleString(
      'en-US',
    )} rows in ${Math.round(manifest.seconds.total)} s`,
  );
  return { scale, url, database, manifest, reused: false };
}
