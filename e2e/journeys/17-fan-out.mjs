// @ts-check
/*
 * Issue 15 item 8: parallel lanes (fan-out). Runs on its own portal with
 * e2e/app-config.fanout.e2e.yaml, whose lanes are Development, Staging and
 * Production EU and Production US, both after Staging. CI cuts a checkout
 * release and takes it through dev and staging; the developer (guest) sees the
 * matrix on the Releases tab say that Production US comes after Staging (not
 * after the column before it), opens the release, clicks "Promote to
 * Production EU and Production US", sees one dialog with both lanes' gate
 * checks, sends it, and sees both lanes waiting for a release manager, with
 * the next step in plain words. axe finds no serious or critical violation on
 * the release page.
 */
import { expectNoSeriousAxeViolations } from '../axe.mjs';
import { ciCutsRelease, utcStamp } from '../releases.mjs';

/**
 * @typedef {import('../run.mjs').Toolkit} Toolkit
 * @typedef {import('../run.mjs').Scenario} Scenario
 */
export const title = 'Fan-out to two production lanes';
/** @type {import('../run.mjs').DemoData[]} */
export const needs = ['releases'];
/** The lanes are global config: this journey gets its own portal (e2e/run.mjs). */
export const config = 'app-config.fanout.e2e.yaml';

const SYSTEM = 'system:default/checkout';
const SYSTEM_PATH = '/catalog/default/system/checkout';
const JUSTIFICATION = 'Both regions get the basket fix the same day';

/** @param {Toolkit} t */
const releasePage = t =>
  `${t.frontendUrl}${SYSTEM_PATH}/releases/${t.state.release.id}`;

/** @type {Scenario[]} */
export const scenarios = [
  {
    name: 'the portal has the lanes of the fan-out config',
    async run(t) {
      const { items: environments } = await t.api('GET', '/environments');
      const lanes = environments.map(
        (/** @type {{ name: string, after?: string[] }} */ e) =>
          `${e.name}<${(e.after ?? []).join('+')}`,
      );
      const expected = [
        'dev<',
        'staging<dev',
        'production-eu<staging',
        'production-us<staging',
      ];
      if (JSON.stringify(lanes) !== JSON.stringify(expected)) {
        throw new Error(`lanes: ${lanes.join(', ')}`);
      }
    },
  },
  {
    name: 'CI cuts a checkout release and takes it through dev and staging',
    async run(t) {
      await ciCutsRelease(t, {
        system: SYSTEM,
        version: `e2e-fanout-${utcStamp()}`,
        riskClass: 'low',
        notes: 'Browser test: fan-out',
        evidence: [{ type: 'unit-tests', summary: '1,204 passed, 0 failed' }],
        through: ['dev', 'staging'],
        reportDeployments: true,
      });
    },
  },
  {
    name: 'the developer sees both production lanes after Staging in the matrix',
    async run(t) {
      const { page } = t;
      await t.signInAsGuest();
      await page.goto(`${t.frontendUrl}${SYSTEM_PATH}/releases`);
      const matrix = page.getByRole('table', { name: 'Environment matrix' });
      const headers = matrix.getByRole('columnheader');
      await headers.filter({ hasText: 'Production EU' }).waitFor();
      // Production EU follows the Staging column; Production US does not follow the column
      // before it (Production EU), so its header says where it comes from.
      await headers
        .filter({ hasText: 'Production US' })
        .getByText('after Staging', { exact: true })
        .waitFor();
      if (
        await headers
          .filter({ hasText: 'Production EU' })
          .getByText(/^after /)
          .count()
      ) {
        throw new Error(
          'Production EU is captioned although it follows Staging',
        );
      }
      await matrix
        .getByRole('cell', { name: 'Staging lane' })
        .getByText(t.state.release.version)
        .first()
        .waitFor();
      await t.screenshot('fan-out-matrix');
    },
  },
  {
    name: 'on the release page one dialog shows both lanes’ gate checks and sends one request',
    async run(t) {
      const { page } = t;
      await page.goto(releasePage(t));
      const fanOut = page.getByRole('button', {
        name: 'Promote to Production EU and Production US',
      });
      await fanOut.waitFor();
      await page
        .getByText(/These lanes all come after Staging: request them together/)
        .waitFor();
      await page
        .getByRole('region', { name: 'Production US lane' })
        .getByText('after Staging', { exact: true })
        .waitFor();
      await expectNoSeriousAxeViolations(page, 'release page (fan-out)');
      await fanOut.click();
      const dialog = page.getByRole('dialog', {
        name: `Promote ${t.state.release.version} to Production EU and Production US`,
      });
      await dialog
        .getByRole('heading', { name: 'Gate check: Production EU' })
        .waitFor();
      await dialog
        .getByRole('heading', { name: 'Gate check: Production US' })
        .waitFor();
      await dialog.getByLabel('Justification (optional)').fill(JUSTIFICATION);
      await t.screenshot('fan-out-dialog');
      await expectNoSeriousAxeViolations(page, 'fan-out dialog');
      await dialog
        .getByRole('button', { name: 'Request 2 promotions' })
        .click();
      await dialog.waitFor({ state: 'hidden' });
    },
  },
  {
    name: 'both lanes wait for a release manager, and each says so',
    async run(t) {
      const { page } = t;
      for (const lane of ['Production EU', 'Production US']) {
        const region = page.getByRole('region', { name: `${lane} lane` });
        await region
          .getByText(
            /You requested this; another approver must vote \(1 more approval needed from release-managers\)/,
          )
          .waitFor();
        await region.getByText(`“${JUSTIFICATION}”`).waitFor();
      }
      const release = await t.api('GET', `/releases/${t.state.release.id}`);
      const states = Object.fromEntries(
        release.promotions
          .filter((/** @type {{ environment: string }} */ p) =>
            p.environment.startsWith('production-'),
          )
          .map((/** @type {{ environment: string, state: string }} */ p) => [
            p.environment,
            p.state,
          ]),
      );
      if (
        states['production-eu'] !== 'pending_approval' ||
        states['production-us'] !== 'pending_approval'
      ) {
        throw new Error(`production promotions: ${JSON.stringify(states)}`);
      }
      await t.screenshot('fan-out-requested');
      await expectNoSeriousAxeViolations(page, 'release page after fan-out');
    },
  },
];
