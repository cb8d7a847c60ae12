// @ts-check
/*
 * Issue: deployments and environment drift. CD reports, through the CLI, that
 * an unexpected version of payments-api runs in production. A developer signs
 * in as guest, sees the drift in the payments System's environment matrix,
 * opens its details, and sees it again on the System's and the component's
 * overview cards.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * @typedef {import('../run.mjs').Toolkit} Toolkit
 * @typedef {import('../run.mjs').Scenario} Scenario
 */
export const title = 'Environment drift';
/** @type {import('../run.mjs').DemoData[]} */
export const needs = ['deployments'];
/** Documentation images this journey writes (docs/images/<name>.png). */
export const docImages = ['environment-matrix'];

const ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const CLI = path.join(ROOT, 'packages/cli/bin/release-orchestration.js');
const SYSTEM_PATH = '/catalog/default/system/payments';
const COMPONENT = 'component:default/payments-api';

/**
 * Runs the CLI as a pipeline would; resolves with its output, rejects on a non-zero exit.
 * @param {Toolkit} t
 * @param {string[]} args
 * @returns {Promise<string>}
 */
function runCli(t, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        RELEASE_ORCHESTRATION_URL: t.backendUrl,
        RELEASE_ORCHESTRATION_TOKEN: t.ciToken,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', code =>
      code === 0
        ? resolve(stdout)
        : reject(
            new Error(
              `release-orchestration ${args[0]} exited with ${code}: ${
                stderr || stdout
              }`,
            ),
          ),
    );
  });
}

/** @param {Toolkit} t */
async function openReleasesTab(t) {
  const { page } = t;
  await page.goto(`${t.frontendUrl}${SYSTEM_PATH}/releases`);
  await page.getByRole('table', { name: 'Environment matrix' }).waitFor();
}

/** @type {Scenario[]} */
export const scenarios = [
  {
    name: 'CD reports an unexpected payments-api version in production through the CLI',
    async run(t) {
      const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
      t.state.version = `9.9.${stamp}-hotpatch`;
      const before = await t.api(
        'GET',
        '/systems/default/payments/environments',
      );
      const production = before.environments.find(
        (/** @type {any} */ e) => e.environment === 'production',
      );
      if (!production?.currentRelease) {
        throw new Error(
          'the demo data has no release in production for payments',
        );
      }
      t.state.expected = production.running.find(
        (/** @type {any} */ r) => r.componentRef === COMPONENT,
      )?.version;

      const output = await runCli(t, [
        'report-deployment',
        '--environment',
        'production',
        '--status',
        'succeeded',
        '--component',
        COMPONENT,
        '--version',
        t.state.version,
        '--idempotency-key',
        `e2e-drift-${stamp}`,
        '--deployer',
        'e2e-hotpatch-job',
      ]);
      t.log(`CLI: ${output.trim()}`);

      const after = await t.api(
        'GET',
        '/systems/default/payments/environments',
      );
      const drift = after.environments
        .find((/** @type {any} */ e) => e.environment === 'production')
        .drift.components.find(
          (/** @type {any} */ c) => c.componentRef === COMPONENT,
        );
      if (
        drift?.runningVersion !== t.state.version ||
        drift.reason !== 'version-differs'
      ) {
        throw new Error(
          `production does not show the drift: ${JSON.stringify(drift)}`,
        );
      }
    },
  },
  {
    name: 'the Releases tab shows the drift in the environment matrix',
    async run(t) {
      await t.signInAsGuest();
      await openReleasesTab(t);
      const { page } = t;
      const matrix = page.getByRole('table', { name: 'Environment matrix' });
      const lane = matrix.getByRole('cell', { name: 'Production lane' });
      await lane
        .getByRole('button', {
          name: /^Drifted: \d+ components? in Production/,
        })
        .waitFor();
      const cell = matrix.getByRole('button', {
        name: new RegExp(
          `^payments-api in Production: ${t.state.version.replace(
            /\./g,
            '\\.',
          )}, expected `,
        ),
      });
      await cell.waitFor();
      // The lanes come in promotion order, each with its release (a header also
      // offers the lane's rollback, or says why it cannot).
      const headers = (await matrix.getByRole('columnheader').allTextContents())
        .filter(Boolean)
        .map(h =>
          h.replace(
            /(Roll back to known-good|Nothing deployed.*|No rollback.*|Rollback needs.*)$/,
            '',
          ),
        );
      if (headers.join(' > ') !== 'Development > Staging > Production') {
        throw new Error(`unexpected lanes: ${headers.join(', ')}`);
      }
      await lane.getByRole('link').first().waitFor();
      await t.screenshot('environment-matrix');
      // The card alone, as the README shows it.
      await t.docImage('environment-matrix', {
        target: page.locator('.MuiCard-root').filter({ has: matrix }),
      });
    },
  },
  {
    name: 'the drift details name the component, both versions and the reason',
    async run(t) {
      const { page } = t;
      await page
        .getByRole('button', {
          name: new RegExp(`^payments-api in Production: `),
        })
        .click();
      const dialog = page.getByRole('dialog', { name: 'Drift in Production' });
      await dialog.waitFor();
      const row = dialog.getByRole('row', { name: /payments-api/ });
      await row.getByText(t.state.version, { exact: true }).waitFor();
      if (t.state.expected) {
        await row.getByText(t.state.expected, { exact: true }).waitFor();
      }
      await row.getByText('Runs another version than the release').waitFor();
      await t.screenshot('drift-details');
      await dialog.getByRole('button', { name: 'Close' }).click();
      await dialog.waitFor({ state: 'hidden' });
    },
  },
  {
    name: "the System's overview card shows the drift and links to the Releases tab",
    async run(t) {
      const { page } = t;
      await page.goto(`${t.frontendUrl}${SYSTEM_PATH}`);
      const card = page
        .locator('.MuiCard-root')
        .filter({ has: page.getByText('Environment drift', { exact: true }) });
      await card.getByText(/^Drifted in .*Production/).waitFor();
      const production = card.getByRole('row', { name: /^Production / });
      await production
        .getByRole('button', { name: /Drifted: .* in Production/ })
        .waitFor();
      await card.scrollIntoViewIfNeeded();
      await t.screenshot('system-drift-card');
      await card
        .getByRole('link', { name: /Environments and releases/ })
        .click();
      await page.waitForURL(/\/releases$/);
      await page.getByRole('table', { name: 'Environment matrix' }).waitFor();
    },
  },
  {
    name: "the component's overview card shows its version per lane and the drift",
    async run(t) {
      const { page } = t;
      await page.goto(
        `${t.frontendUrl}/catalog/default/component/payments-api`,
      );
      const card = page
        .locator('.MuiCard-root')
        .filter({ has: page.getByText('Environment drift', { exact: true }) });
      const production = card.getByRole('row', { name: /^Production / });
      await production.getByText(t.state.version, { exact: true }).waitFor();
      await production
        .getByText('Drifted: another version than the release')
        .waitFor();
      await card.scrollIntoViewIfNeeded();
      await t.screenshot('component-drift-card');
    },
  },
];
