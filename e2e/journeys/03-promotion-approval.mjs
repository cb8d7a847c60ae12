// @ts-check
/*
 * Issue: promotion, approvals and freeze windows. CI prepares a checkout
 * release (evidence, dev and staging through the API), the developer (guest)
 * asks for production from the release page after reading the gate check, a
 * release manager (carol, signed in through the demo-users sign-in in a second
 * browser context) approves it in the approval queue, and the developer sees
 * the approval. Then carol declares a freeze the developer sees, and deletes it.
 */
import { ciCutsRelease, utcStamp } from '../releases.mjs';

/**
 * @typedef {import('../run.mjs').Toolkit} Toolkit
 * @typedef {import('../run.mjs').Scenario} Scenario
 * @typedef {import('playwright-core').Page} Page
 */
export const title = 'Promotion and approval';
/** @type {import('../run.mjs').DemoData[]} */
export const needs = ['releases'];
/** Documentation images this journey writes (docs/images/<name>.png). */
export const docImages = ['approval-queue'];

const SYSTEM = 'system:default/checkout';
const SYSTEM_PATH = '/catalog/default/system/checkout';
const RELEASE_MANAGER = 'carol';

/**
 * A Backstage token for a demo user, from the demo-users auth provider.
 * @param {Toolkit} t
 * @param {string} name
 * @returns {Promise<string>}
 */
async function demoUserToken(t, name) {
  const res = await fetch(`${t.backendUrl}/api/auth/demoUsers/refresh`, {
    headers: { 'x-demo-user': name, 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok) {
    throw new Error(
      `demo-user sign-in of ${name}: HTTP ${res.status} ${await res.text()}`,
    );
  }
  return (await res.json()).backstageIdentity.token;
}

/**
 * Calls the plugin's API as a signed-in user (the toolkit's t.api uses the CI token).
 * @param {Toolkit} t
 * @param {string} token
 * @param {string} method
 * @param {string} apiPath
 * @param {object} [body]
 * @returns {Promise<any>}
 */
async function apiAs(t, token, method, apiPath, body) {
  const res = await fetch(
    `${t.backendUrl}/api/release-orchestration${apiPath}`,
    {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    },
  );
  const text = await res.text();
  if (!res.ok)
    throw new Error(`${method} ${apiPath}: HTTP ${res.status} ${text}`);
  return JSON.parse(text);
}

/**
 * @param {Toolkit} t
 * @param {Page} page
 * @param {string} name
 */
async function signInAsDemoUser(t, page, name) {
  await page.goto(`${t.frontendUrl}/release-orchestration/approvals`);
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  await page.getByRole('link', { name: 'Catalog' }).first().waitFor();
}

/** @param {Toolkit} t */
const releasePage = t =>
  `${t.frontendUrl}${SYSTEM_PATH}/releases/${t.state.release.id}`;
/**
 * @param {Page} page
 * @param {string} laneTitle
 */
const lane = (page, laneTitle) =>
  page.getByRole('region', { name: `${laneTitle} lane` });

/** @type {Scenario[]} */
export const scenarios = [
  {
    name: 'CI cuts a checkout release, attaches evidence and takes it through dev and staging',
    async run(t) {
      await ciCutsRelease(t, {
        system: SYSTEM,
        version: `e2e-promo-${utcStamp()}`,
        riskClass: 'medium',
        notes: 'Browser test: promotion and approval',
        evidence: [
          { type: 'unit-tests', summary: '1,204 passed, 0 failed' },
          { type: 'security-scan', summary: '0 critical, 0 high' },
        ],
        through: ['dev', 'staging'],
        // Staging needs an engineer's approval: bob (checkout-team) votes with his own token.
        approve: async staging =>
          apiAs(
            t,
            await demoUserToken(t, 'bob'),
            'POST',
            `/promotions/${staging.id}/approvals`,
            {
              decision: 'approve',
              comment: 'Staging smoke tests look fine',
            },
          ),
      });
    },
  },
  {
    name: 'the developer reads the gate check and asks for production on the release page',
    async run(t) {
      const { page } = t;
      await t.signInAsGuest();
      await page.goto(releasePage(t));
      await page
        .getByText(`Release ${t.state.release.version}`)
        .first()
        .waitFor();
      await lane(page, 'Staging').getByText('succeeded here').waitFor();
      await page.getByText('0 critical, 0 high').waitFor();
      await t.screenshot('promotion-release-before');

      await lane(page, 'Production')
        .getByRole('button', { name: 'Promote to Production' })
        .click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('All gates pass; approval needed').waitFor();
      await dialog.getByText(/Who can approve: .*carol/).waitFor();
      await dialog
        .getByLabel('Justification (optional)')
        .fill('Checkout spring release; staging soaked for a day');
      await t.screenshot('promotion-gate-check');
      await dialog.getByRole('button', { name: 'Request promotion' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await lane(page, 'Production')
        .getByRole('article', {
          name: 'Promotion to production, pending approval',
        })
        .waitFor();
      await t.screenshot('promotion-requested');
    },
  },
  {
    name: 'a release manager finds it in the approval queue and approves it',
    async run(t) {
      const rm = await t.newPage();
      t.state.releaseManager = rm;
      await signInAsDemoUser(t, rm, RELEASE_MANAGER);
      const queue = rm.getByRole('table', {
        name: 'Promotions waiting for your approval',
      });
      await queue.waitFor();
      await rm.getByLabel('Environment').selectOption('production');
      const request = `${t.state.release.version} of checkout to Production`;
      const row = queue
        .getByRole('row')
        .filter({ hasText: t.state.release.version });
      await row.waitFor();
      await row.getByText('guest').waitFor();
      await row.getByText('required evidence passed').waitFor();
      // The sidebar counts what waits for carol.
      await rm
        .getByLabel(/waiting for your approval/)
        .first()
        .waitFor();
      await t.screenshot('approval-queue', rm);
      await t.docImage('approval-queue', { page: rm });

      await row.getByRole('button', { name: `Approve ${request}` }).click();
      const dialog = rm.getByRole('dialog');
      await dialog
        .getByLabel('Comment (optional)')
        .fill('Evidence checked, go ahead');
      await dialog.getByRole('button', { name: 'Approve' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await row.waitFor({ state: 'detached' });
      await t.screenshot('approval-queue-after-approving', rm);
    },
  },
  {
    name: "the developer's release page shows the approval and the approved state",
    async run(t) {
      const { page } = t;
      await page.reload();
      const approved = lane(page, 'Production').getByRole('article', {
        name: 'Promotion to production, approved',
      });
      await approved.waitFor();
      await approved.getByText('“Evidence checked, go ahead”').waitFor();
      await approved.getByText('Approvals 1 of 1').waitFor();
      await approved
        .getByRole('link', { name: RELEASE_MANAGER })
        .first()
        .waitFor();
      await t.screenshot('promotion-approved');
    },
  },
  {
    name: 'a freeze declared by the release manager shows on the System, and is deleted again',
    async run(t) {
      const rm = t.state.releaseManager;
      const reason = `E2E freeze ${t.state.release.version}: card network maintenance`;
      await rm.goto(`${t.frontendUrl}/release-orchestration/approvals`);
      await rm.getByRole('button', { name: 'Freeze windows' }).click();
      await rm.getByRole('button', { name: 'Declare freeze' }).click();
      const dialog = rm.getByRole('dialog');
      await dialog.getByLabel('Environment').selectOption('production');
      // Systems come from the catalog: "Only these Systems", search, pick.
      await dialog.getByRole('radio', { name: 'Only these Systems' }).check();
      await dialog
        .getByLabel(/Search the catalog for Systems/)
        .fill('checkout');
      await rm.getByRole('option', { name: 'checkout' }).click();
      await dialog.getByLabel(/Reason/).fill(reason);
      await dialog.getByRole('button', { name: 'Declare freeze' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await rm.getByRole('row').filter({ hasText: reason }).waitFor();
      await t.screenshot('freeze-windows', rm);

      const { page } = t;
      await page.goto(`${t.frontendUrl}${SYSTEM_PATH}/releases`);
      const banner = page.getByRole('region', { name: 'Freeze windows' });
      await banner
        .getByText(/production is frozen until/)
        .first()
        .waitFor();
      await banner.getByText(reason, { exact: false }).waitFor();
      await t.screenshot('freeze-banner');

      await rm
        .getByRole('button', {
          name: `Delete the freeze of Production: ${reason}`,
        })
        .click();
      await rm
        .getByRole('dialog')
        .getByRole('button', { name: 'Delete freeze' })
        .click();
      await rm
        .getByRole('row')
        .filter({ hasText: reason })
        .waitFor({ state: 'detached' });
      const left = await t.api('GET', '/freezes');
      if (
        left.items.some(
          (/** @type {{ reason: string }} */ f) => f.reason === reason,
        )
      )
        throw new Error('the freeze is still there');
      await rm.context().close();
    },
  },
];
