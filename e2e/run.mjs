#!/usr/bin/env node
// @ts-check
/*
 * The browser test: starts a throw-away portal (in-memory SQLite, demo data,
 * ports 3100/7100), drives Chromium through the release flow a developer
 * follows, saves screenshots under e2e/screenshots/ and stops the portal.
 *
 *   node e2e/run.mjs [--json <file>] [--mode build|dev] [--keep-open]
 *   node e2e/run.mjs --check-doc-images   (only the documentation image check below)
 *
 * Documentation images: the images README.md, docs/*.md and the package READMEs show
 * (docs/images/<name>.png) are written by the journeys (t.docImage, at a fixed 1280x800
 * viewport), so a full run refreshes them. Each journey lists the images it writes in
 * `docImages`; before anything starts, a run checks that every image the documents show
 * has such a producer (one failed scenario naming the orphans otherwise), and a full run
 * fails a journey that passed but did not write an image it lists.
 *
 * Modes:
 *   build (default)  build packages/app once (reused while its inputs are
 *                    unchanged) and let the backend's app plugin serve it on :7100
 *   dev              `backstage-cli repo start`: webpack dev server on :3100 + backend
 *
 * Environment: E2E_CHROMIUM (default /usr/bin/chromium), E2E_MODE, E2E_HEADED=1.
 * Journeys: e2e/journeys/*.mjs (E2E_ONLY=<part of a file name> runs some; refused
 * under CI=true). Each journey names the demo data it needs (`needs`) and starts
 * once that is seeded, so any journey runs alone. An uncaught error in any page
 * of a journey fails the scenario during which it happened.
 * Config overlays: a journey that needs other global config (e.g. other lanes) exports
 * `config = 'app-config.<name>.e2e.yaml'` (a file in e2e/). The ordinary journeys run
 * first on the ordinary portal; then, only when such journeys are selected, the portal is
 * stopped and one is started per overlay with `--config e2e/<overlay>` added (a fresh
 * in-memory database, the same ports and demo data) for the journeys that declare it.
 * Prints one line per scenario and `e2e: N passed, N failed`; --json writes
 * { passed, failed, only, scenarios: [{ name, ok, seconds, error? }] }. When the
 * portal or the browser cannot start, every scenario counts as failed.
 */

/**
 * @typedef {import('playwright-core').Page} Page
 * @typedef {import('playwright-core').Browser} Browser
 * @typedef {'releases' | 'deployments' | 'incidents'} DemoData
 * @typedef {{ page: Page, prefix: string, shotIndex?: number, pageErrors: string[], docImages: string[], docImagesWritten: Set<string>, [key: string]: any }} JourneyState
 * @typedef {ReturnType<typeof toolkit>} Toolkit
 * @typedef {{ name: string, run: (t: Toolkit) => Promise<void> }} Scenario
 * @typedef {{ file: string, title: string, needs: DemoData[], scenarios: Scenario[], docImages: string[], config?: string }} Journey
 * @typedef {{ name: string, ok: boolean, seconds: number, error?: string, screenshot?: string }} Result
 * @typedef {{ process: import('node:child_process').ChildProcess, logFile: string, exited: Promise<unknown> }} Child
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from './chromium.mjs';

const E2E_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(E2E_DIR, '..');
const SCREENSHOTS = path.join(E2E_DIR, 'screenshots');
const DOC_IMAGES = path.join(ROOT, 'docs', 'images');
/** The fixed viewport of documentation images. */
const DOC_VIEWPORT = { width: 1280, height: 800 };
const LOGS = path.join(ROOT, '.cache', 'e2e');
const BACKEND_URL = 'http://localhost:7100';
const DEV_FRONTEND_URL = 'http://localhost:3100';
const CI_TOKEN = 'e2e-ci-token-not-secret';
const DEMO_SYSTEMS = ['system:default/payments', 'system:default/checkout'];

const args = process.argv.slice(2);
/** @param {string} name */
const argValue = name => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const jsonOut = argValue('--json');
const mode = argValue('--mode') ?? process.env.E2E_MODE ?? 'build';
const keepOpen = args.includes('--keep-open');
const checkDocImagesOnly = args.includes('--check-doc-images');
const frontendUrl = mode === 'dev' ? DEV_FRONTEND_URL : BACKEND_URL;
const chromiumPath = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0)}s`;
/** @param {string} msg */
const log = msg => console.log(`[e2e +${elapsed()}] ${msg}`);
/** @param {number} ms */
const sleep = ms => new Promise(r => setTimeout(r, ms));

if (process.env.CI === 'true' && process.env.E2E_ONLY) {
  console.log(
    `[e2e] CI=true runs every journey: refusing E2E_ONLY=${process.env.E2E_ONLY} (local iteration only)`,
  );
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
}

// ---------------------------------------------------------------- processes

/** @type {Child[]} */
const children = [];

/**
 * @param {string} name
 * @param {string} command
 * @param {string[]} commandArgs
 * @param {Record<string, string>} [extraEnv]
 * @returns {Child}
 */
function start(name, command, commandArgs, extraEnv = {}) {
  fs.mkdirSync(LOGS, { recursive: true });
  const logFile = path.join(LOGS, `${name}.log`);
  const out = fs.openSync(logFile, 'w');
  const child = spawn(command, commandArgs, {
    cwd: ROOT,
    env: { ...process.env, ...extraEnv },
    stdio: ['ignore', out, out],
    detached: true, // own process group, so the whole tree can be stopped
  });
  const exited = new Promise(resolve => child.on('exit', resolve));
  const started = { process: child, logFile, exited };
  children.push(started);
  log(
    `started ${name} (pid ${child.pid}), log: ${path.relative(ROOT, logFile)}`,
  );
  return started;
}

/**
 * @param {Child} child
 * @param {NodeJS.Signals} signal
 */
function signalGroup(child, signal) {
  try {
    if (child.process.pid) process.kill(-child.process.pid, signal);
  } catch {
    /* already gone */
  }
}

async function stopAll() {
  const running = children.filter(
    c => c.process.exitCode === null && c.process.signalCode === null,
  );
  for (const child of running) signalGroup(child, 'SIGTERM');
  await Promise.race([Promise.all(running.map(c => c.exited)), sleep(10_000)]);
  for (const child of running) signalGroup(child, 'SIGKILL');
}

process.on('exit', () => {
  for (const child of children) signalGroup(child, 'SIGKILL');
});
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, async () => {
    log(`${signal}: stopping the portal`);
    await stopAll();
    process.exit(130);
  });
}

/**
 * @param {string} file
 * @param {number} [lines]
 */
function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** @param {number} port */
async function portFree(port) {
  try {
    await fetch(`http://localhost:${port}/`, {
      signal: AbortSignal.timeout(2000),
    });
    return false;
  } catch (e) {
    return /** @type {any} */ (e).cause?.code === 'ECONNREFUSED';
  }
}

/**
 * Polls `check` until it returns true; anything else it returns (or throws) is why not yet.
 * @param {string} what
 * @param {() => Promise<true | string>} check
 * @param {{ timeoutMs: number, child?: Child }} options
 */
async function waitFor(what, check, { timeoutMs, child }) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (child && child.process.exitCode !== null) {
      throw new Error(
        `${what}: the process exited with ${child.process.exitCode}\n${tail(
          child.logFile,
        )}`,
      );
    }
    try {
      const result = await check();
      if (result === true) return;
      last = String(result);
    } catch (e) {
      const error = /** @type {any} */ (e);
      last = error.cause?.code ?? error.message;
    }
    await sleep(2000);
  }
  throw new Error(
    `${what}: not ready after ${timeoutMs / 1000}s (last: ${last})`,
  );
}

// ---------------------------------------------------------------- app build

/** A digest of everything the app bundle is built from. */
function appInputsDigest() {
  const hash = createHash('sha256');
  const roots = [
    'packages/app',
    'plugins/release-orchestration',
    'plugins/release-orchestration-common',
  ];
  /** @param {string} dir */
  const walk = dir => {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      if (['node_modules', 'dist', 'dist-types'].includes(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        hash.update(path.relative(ROOT, full));
        hash.update(fs.readFileSync(full));
      }
    }
  };
  for (const root of roots) walk(path.join(ROOT, root));
  hash.update(fs.readFileSync(path.join(ROOT, 'package-lock.json')));
  hash.update(fs.readFileSync(path.join(ROOT, 'app-config.yaml')));
  return hash.digest('hex');
}

function buildApp() {
  const dist = path.join(ROOT, 'packages/app/dist');
  const stamp = path.join(dist, '.e2e-inputs');
  const digest = appInputsDigest();
  if (
    fs.existsSync(path.join(dist, 'index.html')) &&
    fs.existsSync(stamp) &&
    fs.readFileSync(stamp, 'utf8') === digest
  ) {
    log('packages/app/dist is up to date with its sources; not rebuilding');
    return;
  }
  log('building packages/app (production bundle; a few minutes on 2 cores)');
  const started = Date.now();
  fs.mkdirSync(LOGS, { recursive: true });
  const logFile = path.join(LOGS, 'app-build.log');
  const result = spawnSync('npx', ['backstage-cli', 'package', 'build'], {
    cwd: path.join(ROOT, 'packages/app'),
    stdio: ['ignore', fs.openSync(logFile, 'w'), fs.openSync(logFile, 'a')],
    env: process.env,
  });
  if (result.status !== 0) {
    throw new Error(
      `app build failed (exit ${result.status})\n${tail(logFile)}`,
    );
  }
  fs.writeFileSync(stamp, digest);
  log(`app built in ${((Date.now() - started) / 1000).toFixed(0)}s`);
}

// ---------------------------------------------------------------- portal

/** The running portal's backend process (the demo data checks watch it). @type {Child | undefined} */
let portal;

/**
 * A sign-in provider, its request headers, and a team its user must own through.
 * @type {Array<[string, Record<string, string>, string]>}
 */
const SIGN_IN_TEAMS = [
  ['guest', {}, 'group:default/payments-team'],
  ['demoUsers', { 'x-demo-user': 'carol' }, 'group:default/release-managers'],
  ['demoUsers', { 'x-demo-user': 'bob' }, 'group:default/checkout-team'],
];

/**
 * The ownership refs a sign-in through this provider would give now.
 * @param {string} provider
 * @param {Record<string, string>} headers
 * @returns {Promise<string[]>}
 */
async function ownershipAtSignIn(provider, headers) {
  const res = await fetch(
    `${BACKEND_URL}/api/auth/${provider}/refresh?env=development`,
    {
      headers: { 'x-requested-with': 'XMLHttpRequest', ...headers },
      signal: AbortSignal.timeout(10_000),
    },
  );
  if (!res.ok)
    throw new Error(
      `${provider} sign-in: HTTP ${res.status} ${await res.text()}`,
    );
  const body = await res.json();
  return body.backstageIdentity?.identity?.ownershipEntityRefs ?? [];
}

/**
 * Starts the portal; `overlay` (a file in e2e/) is layered on top of app-config.e2e.yaml.
 * @param {string} [overlay]
 */
async function startPortal(overlay) {
  for (const port of mode === 'dev' ? [3100, 7100] : [7100]) {
    if (!(await portFree(port))) {
      throw new Error(
        `port ${port} is in use; is another e2e run still going?`,
      );
    }
  }
  const configArgs = [
    '--config',
    path.join(ROOT, 'app-config.yaml'),
    '--config',
    path.join(E2E_DIR, 'app-config.e2e.yaml'),
    ...(overlay ? ['--config', path.join(E2E_DIR, overlay)] : []),
  ];
  // Each portal's log keeps its own name, e.g. backend.fanout.log for app-config.fanout.e2e.yaml.
  const suffix = overlay
    ? `.${overlay.replace(/^app-config\.|\.e2e\.yaml$/g, '')}`
    : '';
  const env = {
    RELEASE_ORCHESTRATION_CI_TOKEN: CI_TOKEN,
    RELEASE_ORCHESTRATION_AUDIT_KEY: 'e2e-audit-key-not-secret-0123456789',
    NODE_ENV: 'development',
  };

  let backend;
  let frontend;
  if (mode === 'dev') {
    backend = frontend = start(
      `portal${suffix}`,
      'npx',
      [
        'backstage-cli',
        'repo',
        'start',
        'packages/app',
        'packages/backend',
        ...configArgs,
      ],
      env,
    );
  } else {
    buildApp();
    // The backend serves the built app itself, so the app's base URL is the backend's.
    backend = start(
      `backend${suffix}`,
      'npx',
      ['backstage-cli', 'repo', 'start', 'packages/backend', ...configArgs],
      {
        ...env,
        APP_CONFIG_app_baseUrl: BACKEND_URL,
        APP_CONFIG_backend_cors_origin: BACKEND_URL,
      },
    );
  }

  await waitFor(
    'backend readiness',
    async () => {
      const res = await fetch(`${BACKEND_URL}/.backstage/health/v1/readiness`, {
        signal: AbortSignal.timeout(5000),
      });
      return res.ok || `HTTP ${res.status}`;
    },
    { timeoutMs: 300_000, child: backend },
  );
  portal = backend;
  log(`backend ready${overlay ? ` (with e2e/${overlay})` : ''}`);

  await waitFor(
    'frontend',
    async () => {
      const res = await fetch(`${frontendUrl}/`, {
        signal: AbortSignal.timeout(60_000),
      });
      const html = await res.text();
      return (res.ok && html.includes('<script')) || `HTTP ${res.status}`;
    },
    { timeoutMs: 420_000, child: frontend },
  );
  log(`frontend ready at ${frontendUrl}`);

  // A sign-in takes its teams from the catalog's relations at that moment. The catalog
  // stitches the people's memberships after it has ingested them, on a busy 2-core CI
  // machine sometimes a minute later; a journey that signed in before then was a guest
  // of no team (the catalog's "Owned" list was empty, the clean-clone run of 97829dd).
  await waitFor(
    'the demo people sign in with their catalog teams',
    async () => {
      for (const [provider, headers, team] of SIGN_IN_TEAMS) {
        const refs = await ownershipAtSignIn(provider, headers);
        if (!refs.includes(team))
          return `${provider} ${JSON.stringify(
            headers,
          )} signs in with ${refs.join(', ')}, not yet ${team}`;
      }
      return true;
    },
    { timeoutMs: 300_000, child: backend },
  );
  log('the demo people sign in with their catalog teams');
}

// ---------------------------------------------------------------- demo data

/**
 * @param {string} apiPath
 * @returns {Promise<any>}
 */
async function getJson(apiPath) {
  const res = await fetch(
    `${BACKEND_URL}/api/release-orchestration${apiPath}`,
    {
      headers: { authorization: `Bearer ${CI_TOKEN}` },
      signal: AbortSignal.timeout(10_000),
    },
  );
  if (!res.ok) throw new Error(`GET ${apiPath}: HTTP ${res.status}`);
  return res.json();
}

/**
 * When each kind of demo data is there. The backend seeds it in steps every 10 s
 * (releases, then promotions and deployments, then incidents and DORA roll-ups),
 * so a journey that starts first must wait for what it reads.
 * @type {Record<DemoData, () => Promise<true | string>>}
 */
const DEMO_DATA_READY = {
  async releases() {
    for (const system of DEMO_SYSTEMS) {
      const page = await getJson(
        `/releases?system=${encodeURIComponent(system)}&limit=1`,
      );
      if (!(page.items?.length > 0)) return `no releases of ${system} yet`;
    }
    return true;
  },
  async deployments() {
    const lanes = await getJson('/systems/default/payments/environments');
    const production = lanes.environments?.find(
      (/** @type {any} */ e) => e.environment === 'production',
    );
    return production?.currentRelease
      ? true
      : 'no release in production for payments yet';
  },
  async incidents() {
    // The demo seeds incidents for every System with production deployments, payments too.
    const page = await getJson(
      `/incidents?system=${encodeURIComponent(DEMO_SYSTEMS[0])}&limit=1`,
    );
    return page.items?.length > 0 || 'no incidents yet';
  },
};

/** @type {Set<DemoData>} */
const seeded = new Set();

/** @param {DemoData[]} needs */
async function waitForDemoData(needs) {
  for (const need of needs) {
    if (seeded.has(need)) continue;
    const check = DEMO_DATA_READY[need];
    if (!check)
      throw new Error(`unknown demo data "${need}" in a journey's needs`);
    await waitFor(`demo data: ${need}`, check, {
      timeoutMs: 240_000,
      child: portal,
    });
    seeded.add(need);
    log(`demo data ready: ${need}`);
  }
}

// ---------------------------------------------------------------- scenarios

/**
 * Journeys live in e2e/journeys/*.mjs, run in file-name order. Each exports
 * `title`, `needs` (the demo data it reads) and `scenarios`: [{ name, run(t) }],
 * where `t` is the toolkit below. Within a journey a failed scenario skips the
 * rest of that journey only.
 * @returns {Promise<Journey[]>}
 */
async function loadJourneys(only = process.env.E2E_ONLY) {
  const dir = path.join(E2E_DIR, 'journeys');
  const files = fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.mjs'))
    .sort();
  // e.g. E2E_ONLY=01 runs journeys whose file name contains it; E2E_ONLY=01,05 both
  /** @type {Journey[]} */
  const found = [];
  for (const file of files) {
    if (only && !only.split(',').some(part => file.includes(part.trim())))
      continue;
    const mod = await import(path.join(dir, file));
    if (!Array.isArray(mod.scenarios) || !Array.isArray(mod.needs)) {
      throw new Error(`${file} must export \`scenarios\` and \`needs\``);
    }
    if (
      mod.docImages !== undefined &&
      !(
        Array.isArray(mod.docImages) &&
        mod.docImages.every(
          (/** @type {unknown} */ n) =>
            typeof n === 'string' && /^[a-z0-9-]+$/.test(n),
        )
      )
    ) {
      throw new Error(
        `${file}: \`docImages\` must be a list of image names (a-z, 0-9, -)`,
      );
    }
    if (
      mod.config !== undefined &&
      !(
        typeof mod.config === 'string' &&
        /^app-config\.[a-z0-9-]+\.e2e\.yaml$/.test(mod.config) &&
        fs.existsSync(path.join(E2E_DIR, mod.config))
      )
    ) {
      throw new Error(
        `${file}: \`config\` must name a file e2e/app-config.<name>.e2e.yaml`,
      );
    }
    found.push({
      file,
      title: mod.title ?? file,
      needs: mod.needs,
      scenarios: mod.scenarios,
      docImages: mod.docImages ?? [],
      config: mod.config,
    });
  }
  return found;
}

/** @type {Result[]} */
const results = [];

// ---------------------------------------------------------------- documentation images

/** The Markdown files whose images the journeys keep up to date. */
function documentsWithImages() {
  const files = [path.join(ROOT, 'README.md')];
  for (const dir of ['docs']) {
    for (const f of fs.readdirSync(path.join(ROOT, dir))) {
      if (f.endsWith('.md')) files.push(path.join(ROOT, dir, f));
    }
  }
  for (const dir of ['plugins', 'packages']) {
    for (const pkg of fs.readdirSync(path.join(ROOT, dir))) {
      const readme = path.join(ROOT, dir, pkg, 'README.md');
      if (fs.existsSync(readme)) files.push(readme);
    }
  }
  return files;
}

/**
 * The documentation images (docs/images/<name>.png) each document shows, by name.
 * @returns {Map<string, string[]>} image name -> documents (relative paths) showing it
 */
function referencedDocImages() {
  /** @type {Map<string, string[]>} */
  const referenced = new Map();
  for (const file of documentsWithImages()) {
    const text = fs.readFileSync(file, 'utf8');
    // Markdown images and HTML <img src>, relative to the document.
    const refs = [
      ...text.matchAll(/!\[[^\]]*\]\(([^)\s]+\.png)[^)]*\)/g),
      ...text.matchAll(/<img[^>]*\ssrc="([^"]+\.png)"/g),
    ].map(m => m[1]);
    for (const ref of refs) {
      if (/^[a-z]+:/.test(ref)) continue; // an external image
      const target = path.resolve(path.dirname(file), ref);
      if (path.dirname(target) !== DOC_IMAGES) continue;
      const name = path.basename(target, '.png');
      const shownIn = referenced.get(name) ?? [];
      shownIn.push(path.relative(ROOT, file));
      referenced.set(name, shownIn);
    }
  }
  return referenced;
}

/**
 * The images the documents show that no journey lists in `docImages`, and images listed by
 * two journeys.
 * @param {Journey[]} allJourneys every journey, not only the selected ones
 * @returns {string[]} the problems, empty when every image has exactly one producer
 */
function docImageProblems(allJourneys) {
  /** @type {Map<string, string>} */
  const producers = new Map();
  const problems = [];
  for (const journey of allJourneys) {
    for (const name of journey.docImages) {
      const other = producers.get(name);
      if (other) {
        problems.push(
          `${name}.png is listed by both ${other} and ${journey.file}`,
        );
      }
      producers.set(name, journey.file);
    }
  }
  for (const [name, shownIn] of referencedDocImages()) {
    if (!producers.has(name)) {
      problems.push(
        `docs/images/${name}.png (shown in ${shownIn.join(
          ', ',
        )}) is written by no journey: list it in a journey's docImages and write it with t.docImage('${name}', ...)`,
      );
    }
  }
  return problems;
}

/**
 * Fails the run (one failed scenario) when a document shows an image no journey writes.
 * @returns {Promise<boolean>} whether the check passed
 */
async function checkDocImages() {
  const started = Date.now();
  const name =
    'documentation images: every image the READMEs and docs show is written by a journey';
  const problems = docImageProblems(await loadJourneys(''));
  const seconds = (Date.now() - started) / 1000;
  if (problems.length === 0) {
    results.push({ name, ok: true, seconds });
    console.log(`  \u2713 ${name} (${seconds.toFixed(1)}s)`);
    return true;
  }
  const error = problems.join('\n      ');
  results.push({ name, ok: false, seconds, error });
  console.log(`  \u2717 ${name}\n      ${error}`);
  return false;
}

/** @type {Browser | undefined} */
let browser;

/**
 * @param {string} what
 * @param {() => Promise<boolean>} check
 * @param {number} [timeoutMs]
 */
async function until(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs / 1000}s waiting for ${what}`,
      );
    await sleep(250);
  }
}

/**
 * A fresh browser context: its own cookies and storage, i.e. its own signed-in user.
 * Uncaught errors in the page are collected in `pageErrors` and fail the scenario.
 * @param {string[]} pageErrors
 */
async function newPage(pageErrors) {
  if (!browser) throw new Error('the browser is not running');
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
  });
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(120_000);
  const page = await context.newPage();
  page.on('pageerror', e => {
    log(`uncaught error in the page: ${e.message}`);
    pageErrors.push(`${page.url()}: ${e.message}`);
  });
  // What an error boundary caught (it logs with console.error) shows here, not as a pageerror.
  page.on('console', m => {
    if (m.type() === 'error' && /ErrorBoundary/.test(m.text())) {
      log(`error boundary in the page: ${m.text().slice(0, 2000)}`);
    }
  });
  return page;
}

/** @param {JourneyState} state */
function toolkit(state) {
  return {
    frontendUrl,
    backendUrl: BACKEND_URL,
    ciToken: CI_TOKEN,
    log,
    until,
    /** Another signed-out browser context for a second person; its page errors count too. */
    newPage: () => newPage(state.pageErrors),
    /** Shared between the scenarios of one journey. */
    state,
    get page() {
      return state.page;
    },
    /**
     * Saves a full-page screenshot of `page` (default: the journey's page).
     * @param {string} name
     * @param {Page} [page]
     */
    async screenshot(name, page = state.page) {
      state.shotIndex = (state.shotIndex ?? 0) + 1;
      const file = path.join(
        SCREENSHOTS,
        `${state.prefix}-${String(state.shotIndex).padStart(
          2,
          '0',
        )}-${name}.png`,
      );
      await page.screenshot({ path: file, fullPage: true });
      return path.relative(ROOT, file);
    },
    /**
     * Writes documentation image docs/images/<name>.png (which the journey lists in
     * `docImages`) at the fixed 1280x800 viewport: the viewport of `page`, or only `target`
     * when it is a locator (e.g. one card). The page's viewport is restored afterwards.
     * @param {string} name
     * @param {{ page?: Page, target?: import('playwright-core').Locator }} [options]
     */
    async docImage(name, options = {}) {
      if (!state.docImages.includes(name)) {
        throw new Error(
          `docImage('${name}'): add '${name}' to the journey's docImages`,
        );
      }
      const page = options.page ?? state.page;
      const previous = page.viewportSize();
      await page.setViewportSize(DOC_VIEWPORT);
      try {
        // Let the layout settle at the new size (charts and tables re-measure).
        await page.waitForTimeout(500);
        fs.mkdirSync(DOC_IMAGES, { recursive: true });
        const file = path.join(DOC_IMAGES, `${name}.png`);
        if (options.target) {
          await options.target.scrollIntoViewIfNeeded();
          await options.target.screenshot({
            path: file,
            animations: 'disabled',
          });
        } else {
          await page.screenshot({ path: file, animations: 'disabled' });
        }
        state.docImagesWritten.add(name);
        return path.relative(ROOT, file);
      } finally {
        if (previous) await page.setViewportSize(previous);
      }
    },
    /**
     * Calls the backend's REST API with the CI token.
     * @param {string} method
     * @param {string} apiPath
     * @param {object} [body]
     * @returns {Promise<any>}
     */
    async api(method, apiPath, body) {
      // A write carries an Idempotency-Key, so that the one retry below is safe: fetch reuses a
      // kept-alive socket, and one the backend closed while its event loop was busy (demo
      // seeding on SQLite) fails with ECONNRESET before any answer, as a pipeline's client would
      // see; the retry sends the same key, and the plugin answers a repeated write once.
      const headers = {
        authorization: `Bearer ${CI_TOKEN}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(method === 'GET' ? {} : { 'idempotency-key': randomUUID() }),
      };
      const send = () =>
        fetch(`${BACKEND_URL}/api/release-orchestration${apiPath}`, {
          method,
          headers,
          body: body ? JSON.stringify(body) : undefined,
        });
      let res;
      try {
        res = await send();
      } catch (e) {
        if (/** @type {any} */ (e)?.cause?.code !== 'ECONNRESET') throw e;
        log(
          `${method} ${apiPath}: connection reset before an answer; sent again`,
        );
        res = await send();
      }
      const text = await res.text();
      if (!res.ok) {
        throw new Error(`${method} ${apiPath}: HTTP ${res.status} ${text}`);
      }
      return text ? JSON.parse(text) : undefined;
    },
    /**
     * Signs in as guest on `page` (the demo's only sign-in) and waits for the sidebar.
     * @param {Page} [page]
     */
    async signInAsGuest(page = state.page) {
      await page.goto(`${frontendUrl}/catalog`);
      const enter = page.getByRole('button', { name: 'Enter' });
      const sidebarCatalogLink = page
        .getByRole('link', { name: 'Catalog' })
        .first();
      await enter.or(sidebarCatalogLink).first().waitFor();
      if (await enter.isVisible()) {
        await enter.click();
      }
      await sidebarCatalogLink.waitFor();
    },
  };
}

/** @param {Journey} journey */
async function runJourney(journey) {
  console.log(`${journey.title} (${journey.file})`);
  // Screenshots are named <journey file number>-<nn>-<name>.png; a run replaces only the
  // screenshots of the journeys it runs (E2E_ONLY leaves the others' alone).
  const prefix = journey.file.split('-')[0];
  for (const file of fs.readdirSync(SCREENSHOTS)) {
    if (file.startsWith(`${prefix}-`) && file.endsWith('.png')) {
      fs.rmSync(path.join(SCREENSHOTS, file));
    }
  }
  await waitForDemoData(journey.needs);
  /** @type {string[]} */
  const pageErrors = [];
  /** @type {JourneyState} */
  const state = {
    page: await newPage(pageErrors),
    prefix,
    pageErrors,
    docImages: journey.docImages,
    docImagesWritten: new Set(),
  };
  const t = toolkit(state);
  let failedEarlier = false;
  for (const { name, run } of journey.scenarios) {
    const label = `${journey.title}: ${name}`;
    if (failedEarlier) {
      results.push({
        name: label,
        ok: false,
        seconds: 0,
        error: 'not run: an earlier scenario of this journey failed',
      });
      console.log(`  \u2717 ${name} (not run: an earlier scenario failed)`);
      continue;
    }
    const started = Date.now();
    try {
      await run(t);
      if (pageErrors.length > 0) {
        throw new Error(
          `uncaught error(s) in the page: ${pageErrors.splice(0).join('; ')}`,
        );
      }
      const seconds = (Date.now() - started) / 1000;
      results.push({ name: label, ok: true, seconds });
      console.log(`  \u2713 ${name} (${seconds.toFixed(1)}s)`);
    } catch (error) {
      failedEarlier = true;
      pageErrors.splice(0);
      const seconds = (Date.now() - started) / 1000;
      let shot = '';
      try {
        shot = await t.screenshot(
          `FAILED-${name.replace(/\W+/g, '-').toLowerCase()}`,
        );
      } catch {
        /* no page to capture */
      }
      const cause = /** @type {any} */ (error)?.cause;
      const message = `${String(/** @type {any} */ (error)?.message ?? error)}${
        cause ? ` (cause: ${cause.code ?? ''} ${cause.message ?? cause})` : ''
      }\n${String(/** @type {any} */ (error)?.stack ?? '')
        .split('\n')
        .slice(1, 4)
        .join('\n')}`
        .split('\n')
        .slice(0, 8)
        .join('\n      ');
      results.push({
        name: label,
        ok: false,
        seconds,
        error: message,
        screenshot: shot || undefined,
      });
      console.log(
        `  \u2717 ${name} (${seconds.toFixed(1)}s)\n      ${message}${
          shot ? `\n      screenshot: ${shot}` : ''
        }`,
      );
    }
  }
  const missing = journey.docImages.filter(
    name => !state.docImagesWritten.has(name),
  );
  if (!failedEarlier && missing.length > 0) {
    const name = `${journey.title}: writes its documentation images`;
    const error = `passed without writing ${missing
      .map(m => `docs/images/${m}.png`)
      .join(', ')} (listed in docImages)`;
    results.push({ name, ok: false, seconds: 0, error });
    console.log(`  \u2717 ${name}\n      ${error}`);
  }
  await state.page
    .context()
    .close()
    .catch(() => {});
}

/** @param {Journey[]} selected */
async function runScenarios(selected) {
  browser ??= await chromium.launch(
    chromiumLaunchOptions({
      executablePath: chromiumPath,
      headless: !process.env.E2E_HEADED,
    }),
  );
  for (const journey of selected) {
    await runJourney(journey);
  }
}

// ---------------------------------------------------------------- main

/** @type {unknown} */
let setupError;
/** @type {Journey[]} */
let journeys = [];

async function main() {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  console.log('Documentation images');
  await checkDocImages();
  if (checkDocImagesOnly) return;
  // First, so that a missing browser or portal counts every scenario that did not run.
  journeys = await loadJourneys();
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(
      `no Chromium at ${chromiumPath}: apt-get install -y chromium, or set E2E_CHROMIUM`,
    );
  }
  log(`mode: ${mode}; browser: ${chromiumPath}`);
  // The ordinary journeys on the ordinary portal, then one portal per config overlay.
  const ordinary = journeys.filter(j => !j.config);
  const overlays = [
    ...new Set(journeys.flatMap(j => (j.config ? [j.config] : []))),
  ];
  if (ordinary.length > 0 || overlays.length === 0) {
    await startPortal();
    await runScenarios(ordinary);
  }
  for (const overlay of overlays) {
    if (portal) {
      log(`stopping the portal to start one with e2e/${overlay}`);
      await stopAll();
      for (const port of mode === 'dev' ? [3100, 7100] : [7100]) {
        await waitFor(
          `port ${port} to be free`,
          async () => (await portFree(port)) || 'in use',
          { timeoutMs: 60_000 },
        );
      }
    }
    seeded.clear();
    await startPortal(overlay);
    await runScenarios(journeys.filter(j => j.config === overlay));
  }
}

/** Runs the journeys, writes the results and exits with 1 when any scenario failed. */
async function runAndReport() {
  try {
    await main();
  } catch (error) {
    setupError = error;
    console.log(
      `[e2e] the browser, the portal or its demo data was not ready:\n${
        /** @type {any} */ (error)?.stack ?? error
      }`,
    );
  } finally {
    if (keepOpen && !setupError) {
      log(`--keep-open: portal at ${frontendUrl}; Ctrl-C to stop`);
      await new Promise(() => {});
    }
    await browser?.close().catch(() => {});
    await stopAll();
  }

  if (setupError) {
    // Every scenario depends on a running portal.
    const ran = new Set(results.map(r => r.name));
    const all = journeys.flatMap(j =>
      j.scenarios.map(sc => `${j.title}: ${sc.name}`),
    );
    for (const name of all.length > 0 ? all : ['the portal']) {
      if (ran.has(name)) continue;
      results.push({
        name,
        ok: false,
        seconds: 0,
        error:
          'not run: the browser, the portal or its demo data was not ready',
      });
      console.log(
        `  \u2717 ${name} (not run: the browser, the portal or its demo data was not ready)`,
      );
    }
  }
  const passed = results.filter(r => r.ok).length;
  const failed = results.length - passed;
  if (jsonOut) {
    fs.mkdirSync(path.dirname(path.resolve(jsonOut)), { recursive: true });
    fs.writeFileSync(
      jsonOut,
      `${JSON.stringify(
        {
          passed,
          failed,
          only: process.env.E2E_ONLY || undefined,
          mode,
          seconds: (Date.now() - t0) / 1000,
          scenarios: results,
        },
        null,
        2,
      )}\n`,
    );
  }
  log(
    `screenshots in ${path.relative(
      ROOT,
      SCREENSHOTS,
    )}/; logs in ${path.relative(ROOT, LOGS)}/`,
  );
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

runAndReport().catch(error => {
  console.log(`[e2e] ${error?.stack ?? error}`);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
});
