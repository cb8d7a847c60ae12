import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Knex } from 'knex';
import { Client } from 'pg';
import type { Locator, Page } from 'playwright-core';
import { BENCH_ENVIRONMENTS } from '../backend/benchConfig';
import { orgEntities } from '../catalog/BenchCatalogService';

/** The generated organisation (demo-data's `Org`): what the catalog file is written from. */
type Org = Parameters<typeof orgEntities>[0];
import { pgConfig } from '../load/connection';
import { DataManifest } from '../load/loadDatabase';
import { BENCH_AUDIT_KEY } from '../load/writeAuditChain';
import type { PageResult } from '../measure/report';
import { benchDir, repoRoot } from '../paths';

/** Where the app is served for the page measurements (not the browser journeys' 7100). */
export const PAGES_PORT = 7360;

/** The prefix of the demo backend's other plugins' databases (catalog, auth, ...). */
export const PAGES_DATABASE_PREFIX = 'ro_bench_pages_';

/** The release-manager the pages are measured as (the demo sign-in, `auth.providers.demoUsers`). */
const SIGNED_IN = 'release-manager-1';

const ENABLED = { 'release-orchestration.io/enabled': 'true' };

/**
 * The installation's organisation as catalog entity files for the demo backend's catalog: the
 * same Groups, Users, Systems and Components the bench catalog serves, with the annotation that
 * shows the plugin's tabs. Relations are left to the catalog. JSON documents are YAML.
 */
export function catalogYaml(org: Org): string {
  return orgEntities(org)
    .map(e => {
      const { uid, ...metadata } = e.metadata;
      const annotated = ['System', 'Component'].includes(e.kind)
        ? { ...metadata, annotations: { ...ENABLED } }
        : metadata;
      const spec =
        e.kind === 'Group'
          ? { ...e.spec, children: (e.spec?.children as string[]) ?? [] }
          : e.spec;
      return JSON.stringify({
        apiVersion: e.apiVersion,
        kind: e.kind,
        metadata: annotated,
        spec,
      });
    })
    .join('\n---\n')
    .concat('\n');
}

/**
 * The demo backend's config on the bench installation: the plugin's database is the bench
 * database, the other plugins' databases are `ro_bench_pages_*` on the same server, the catalog
 * reads the installation's organisation from `catalogFile`, the signed-in user is a release
 * manager (demo sign-in), the demo backend seeds nothing and adds no organisation, and a static token (`token`) may read the
 * catalog to see when it has ingested everything.
 */
export function pagesBackendConfig(options: {
  target: string;
  catalogFile: string;
  token: string;
  port: number;
}) {
  const { database, ...connection } = pgConfig(options.target);
  const baseUrl = `http://localhost:${options.port}`;
  return {
    app: { baseUrl },
    backend: {
      baseUrl,
      listen: { port: options.port },
      cors: { origin: baseUrl },
      database: {
        client: 'pg',
        connection,
        prefix: PAGES_DATABASE_PREFIX,
        plugin: { 'release-orchestration': { connection: { database } } },
      },
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: options.token, subject: 'bench-pages' },
          },
        ],
      },
    },
    auth: { providers: { demoUsers: { users: [SIGNED_IN] } } },
    catalog: {
      rules: [{ allow: ['Group', 'User', 'System', 'Component'] }],
      locations: [{ type: 'file', target: options.catalogFile }],
    },
    // The demo backend's own data stays out: no seeded history, no generated organisation.
    releaseOrchestrationDemo: { seedHistory: false, generatedOrg: false },
    releaseOrchestration: {
      environments: BENCH_ENVIRONMENTS,
      audit: { keys: [BENCH_AUDIT_KEY], activeKeyId: BENCH_AUDIT_KEY.id },
    },
  };
}

/**
 * Drops the databases a previous pages run left (their names start with
 * {@link PAGES_DATABASE_PREFIX}), so the catalog holds exactly this installation's organisation;
 * never the installation's own database, whatever its name.
 */
async function dropPagesDatabases(target: string) {
  const admin = new Client({ ...pgConfig(target), database: 'postgres' });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1) AND datname <> $2',
      [PAGES_DATABASE_PREFIX, pgConfig(target).database],
    );
    for (const { datname } of rows) {
      await admin.query(`DROP DATABASE "${datname}" WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

/** Files the app bundle is built from; the bundle is rebuilt when one is newer than it. */
const APP_INPUTS = [
  'packages/app/src',
  'plugins/release-orchestration/src',
  'plugins/release-orchestration-common/src',
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(
      newest,
      entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs,
    );
  }
  return newest;
}

/** Builds packages/app (production bundle) unless its dist is newer than its sources. */
export function ensureAppBuild(log: (m: string) => void): string {
  const root = repoRoot();
  const index = path.join(root, 'packages/app/dist/index.html');
  const sources = Math.max(
    ...APP_INPUTS.map(d => newestMtime(path.join(root, d))),
  );
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs > sources) {
    log('pages: packages/app/dist is newer than its sources; not rebuilding');
    return index;
  }
  log('pages: building packages/app (production bundle; minutes on 2 cores)');
  const t = Date.now();
  const result = spawnSync('npx', ['backstage-cli', 'package', 'build'], {
    cwd: path.join(root, 'packages/app'),
    stdio: 'ignore',
  });
  if (result.status !== 0) {
    throw new Error(
      `pages: the app build failed (exit ${result.status}); run npx backstage-cli package build in packages/app`,
    );
  }
  log(`pages: app built in ${Math.round((Date.now() - t) / 1000)} s`);
  return index;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Takes the machine's browser lock (`BENCH_BROWSER_LOCK`, default /tmp/e2e.lock: the browser
 * journeys' lock, one Chromium run and one app build at a time) with `flock`, held by a child
 * process until the returned function releases it. No lock when `flock` is missing.
 */
export async function holdBrowserLock(
  log: (m: string) => void,
): Promise<() => void> {
  const file = process.env.BENCH_BROWSER_LOCK ?? '/tmp/e2e.lock';
  if (spawnSync('flock', ['--version']).status !== 0) {
    return () => undefined;
  }
  log(`pages: waiting for the browser lock ${file}`);
  // flock holds the lock itself (-o: the command does not inherit it) while its command waits
  // for the end of its input: the lock goes when this process releases it or ends in any way
  // (the pipe closes). Its own process group, so stopping the group leaves nothing behind.
  const holder = spawn(
    'flock',
    ['-o', file, 'sh', '-c', 'echo locked; exec cat > /dev/null'],
    { stdio: ['pipe', 'pipe', 'ignore'], detached: true },
  );
  await new Promise<void>((resolve, reject) => {
    holder.stdout!.once('data', () => resolve());
    holder.once('exit', code =>
      reject(new Error(`pages: flock ${file} exited with ${code}`)),
    );
  });
  return () => {
    holder.stdin!.end();
    try {
      process.kill(-holder.pid!, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
}

async function until(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  child: ChildProcess,
  logFile: string,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `pages: the backend exited with ${child.exitCode}; see ${logFile}`,
      );
    }
    try {
      if (await check()) {
        return;
      }
    } catch {
      // Not up yet.
    }
    await sleep(2000);
  }
  throw new Error(`pages: ${what} not ready after ${timeoutMs / 1000} s`);
}

/** One page to measure: where, and what shows that its main content is there. */
export interface PageSpec {
  id: string;
  title: string;
  path: string;
  content(page: Page): Locator;
}

/** The pages of issue 16 for the installation's subjects. */
export function pageSpecs(subjects: {
  system: string;
  team: string;
  release: { id: string; version: string };
}): PageSpec[] {
  const name = (ref: string) => ref.slice(ref.indexOf('/') + 1);
  const systemPath = `/catalog/default/system/${name(subjects.system)}`;
  return [
    {
      id: 'releases-tab',
      title: `Releases tab of ${subjects.system}`,
      path: `${systemPath}/releases`,
      content: page => page.getByRole('table', { name: 'Environment matrix' }),
    },
    {
      id: 'release',
      title: `Release page (${subjects.release.version})`,
      path: `${systemPath}/releases/${subjects.release.id}`,
      content: page =>
        page.getByText(`Release ${subjects.release.version}`).first(),
    },
    {
      id: 'approvals',
      title: 'Approval queue (a release manager)',
      path: '/release-orchestration/approvals',
      content: page =>
        page
          .getByRole('table', { name: 'Promotions waiting for your approval' })
          .or(page.getByText('Nothing waits for your approval')),
    },
    {
      id: 'dora-org',
      title: 'Org DORA page, every team',
      path: '/release-orchestration/dora',
      content: page =>
        page
          .getByRole('table', { name: 'Teams' })
          .getByRole('rowheader')
          .first(),
    },
    {
      id: 'group-tab',
      title: `Delivery performance tab of ${subjects.team}`,
      path: `/catalog/default/group/${name(
        subjects.team,
      )}/delivery-performance`,
      content: page =>
        page.getByRole('group', { name: 'Deployments (per week)' }).first(),
    },
  ];
}

/** What the browser tells about a page load up to now (Resource Timing, Navigation Timing). */
async function pageTraffic(page: Page) {
  return page.evaluate(() => {
    const entries = [
      ...performance.getEntriesByType('navigation'),
      ...performance.getEntriesByType('resource'),
    ] as PerformanceResourceTiming[];
    let slowest = { url: '', ms: 0 };
    let bytes = 0;
    for (const e of entries) {
      bytes += e.encodedBodySize;
      if (e.duration > slowest.ms) {
        slowest = { url: e.name, ms: Math.round(e.duration) };
      }
    }
    return { bytes, requests: entries.length, slowest };
  });
}

/** Visits a page `visits` times (each a full navigation) and measures navigation to content. */
export async function measurePage(
  page: Page,
  baseUrl: string,
  spec: PageSpec,
  visits: number,
): Promise<PageResult> {
  const times: number[] = [];
  let traffic = { bytes: 0, requests: 0, slowest: { url: '', ms: 0 } };
  try {
    for (let i = 0; i < visits; i++) {
      await page.goto(`${baseUrl}${spec.path}`, { waitUntil: 'commit' });
      await spec.content(page).waitFor({ state: 'visible', timeout: 60_000 });
      // performance.now() counts from the navigation's start (the time origin of the document).
      times.push(Math.round(await page.evaluate(() => performance.now())));
      traffic = await pageTraffic(page);
    }
  } catch (error) {
    return {
      id: spec.id,
      title: spec.title,
      url: spec.path,
      ms: NaN,
      visits: times,
      ...traffic,
      error: String((error as Error).message ?? error).split('\n')[0],
    };
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    id: spec.id,
    title: spec.title,
    url: spec.path,
    ms: sorted[Math.floor((sorted.length - 1) / 2)],
    visits: times,
    ...traffic,
    slowest: {
      ...traffic.slowest,
      url: traffic.slowest.url.replace(baseUrl, ''),
    },
  };
}

/**
 * The pages of issue 16 in Chromium: builds the app if needed, starts the demo backend
 * (packages/backend, serving the production bundle) on the bench installation with its
 * organisation in the catalog, waits for the catalog to hold it, signs in as a release manager
 * and measures each page `visits` times (warm browser cache: the sign-in loaded the bundle).
 */
export async function measurePages(options: {
  manifest: DataManifest;
  org: Org;
  knex: Knex;
  subjects: { system: string; team: string };
  visits: number;
  log(message: string): void;
  chromium?: string;
}): Promise<PageResult[]> {
  const release = await holdBrowserLock(options.log);
  try {
    return await measurePagesLocked(options);
  } finally {
    release();
  }
}

async function measurePagesLocked(options: Parameters<typeof measurePages>[0]) {
  const { manifest, org, log } = options;
  const root = repoRoot();
  ensureAppBuild(log);
  const newest = await options
    .knex('releases')
    .where({ system_ref: options.subjects.system })
    .orderBy('created_at', 'desc')
    .first('id', 'version');
  if (!newest) {
    throw new Error(`pages: ${options.subjects.system} has no release`);
  }
  await dropPagesDatabases(manifest.target);
  const dataDir = benchDir('.data');
  fs.mkdirSync(dataDir, { recursive: true });
  const catalogFile = path.join(dataDir, 'pages-catalog.yaml');
  fs.writeFileSync(catalogFile, catalogYaml(org));
  const token = randomBytes(24).toString('base64url');
  const configFile = path.join(dataDir, 'app-config.bench-pages.yaml');
  fs.writeFileSync(
    configFile,
    JSON.stringify(
      pagesBackendConfig({
        target: manifest.target,
        catalogFile,
        token,
        port: PAGES_PORT,
      }),
      null,
      2,
    ),
  );
  const logFile = path.join(dataDir, 'backend-pages.log');
  const out = fs.openSync(logFile, 'w');
  // The backend's entry point under Backstage's node transform, as the bench backend runs: no
  // watch mode (backstage-cli's start restarts it when any source in the tree changes).
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.join(root, 'packages/backend/src/index.ts'),
      '--config',
      path.join(root, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: path.join(root, 'packages/backend'),
      env: { ...process.env, NODE_ENV: 'development' },
      stdio: ['ignore', out, out],
      detached: true,
    },
  );
  const baseUrl = `http://localhost:${PAGES_PORT}`;
  const stop = async () => {
    const exited = new Promise(resolve => child.once('exit', resolve));
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // Gone already.
    }
    await Promise.race([exited, sleep(15_000)]);
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Gone.
    }
    fs.closeSync(out);
  };
  try {
    log(`pages: starting the demo backend on ${baseUrl} (log ${logFile})`);
    await until(
      'the backend',
      async () => (await fetch(`${baseUrl}/.backstage/health/v1/readiness`)).ok,
      300_000,
      child,
      logFile,
    );
    const count = async (kind: string) => {
      const res = await fetch(
        `${baseUrl}/api/catalog/entities/by-query?filter=kind=${kind}&limit=1`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      return Number((await res.json()).totalItems ?? 0);
    };
    const components = org.systems.reduce((a, s) => a + s.components.length, 0);
    const t = Date.now();
    await until(
      'the catalog',
      async () =>
        (await count('group')) >= org.groups.length &&
        (await count('system')) >= org.systems.length &&
        (await count('component')) >= components,
      900_000,
      child,
      logFile,
    );
    log(
      `pages: the catalog holds ${org.groups.length} Groups, ${
        org.systems.length
      } Systems, ${components} Components (${Math.round(
        (Date.now() - t) / 1000,
      )} s)`,
    );
    // Relations are stitched after the entities are stored: give the catalog a moment.
    await sleep(10_000);
    const { chromium } = await import('playwright-core');
    // What runs as root on the benchmark machine (TOOLCHAIN.md), without background
    // traffic: the flags of every Chromium the repository launches. The bench runs from
    // the repository only, so it may reach the e2e toolkit, which is no package.
    // eslint-disable-next-line @backstage/no-relative-monorepo-imports
    const { chromiumLaunchOptions } = await import(
      '../../../../e2e/chromium.mjs'
    );
    const browser = await chromium.launch(
      chromiumLaunchOptions({
        executablePath:
          options.chromium ?? process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium',
      }),
    );
    try {
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
      });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/release-orchestration/approvals`);
      await page
        .getByRole('button', { name: `Sign in as ${SIGNED_IN}` })
        .click({ timeout: 120_000 });
      await page
        .getByRole('link', { name: 'Catalog' })
        .first()
        .waitFor({ timeout: 60_000 });
      const results: PageResult[] = [];
      for (const spec of pageSpecs({
        ...options.subjects,
        release: newest,
      })) {
        const result = await measurePage(page, baseUrl, spec, options.visits);
        log(
          `pages ${spec.id}: ${
            result.error ? `error ${result.error}` : `${result.ms} ms`
          } (${result.visits.join(', ')}), ${result.requests} requests`,
        );
        results.push(result);
      }
      return results;
    } finally {
      await browser.close();
    }
  } finally {
    await stop();
  }
}
