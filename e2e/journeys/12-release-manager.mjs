// @ts-check
/*
 * Issue 12 (Release manager, Whole portal): a release manager (carol) works the
 * approval queue with context: lane titles, the version on one line, an
 * expandable row with what changes, the evidence (attached by "CI pipeline",
 * not a service ref) and why the risk is what it is; the Approve dialog shows
 * the same, puts first focus on its comment and gives focus back to its opener;
 * filters that hide everything say so and clear; a promotion carol cannot vote
 * on says why. She declares a freeze picking a System from the catalog (the
 * time zone is shown), and the developer's gate check reads in plain words (no
 * ISO timestamps, field names or permission ids). axe-core finds no serious or
 * critical violation on the queue, the Releases tab and a release page, and
 * the plugin logs no deprecation or material-table warning.
 */
import { expectNoSeriousAxeViolations } from '../axe.mjs';

/**
 * @typedef {import('../run.mjs').Toolkit} Toolkit
 * @typedef {import('../run.mjs').Scenario} Scenario
 * @typedef {import('playwright-core').Page} Page
 */
export const title =
  'Release manager: queue with context, freezes, plain words';
/** @type {import('../run.mjs').DemoData[]} */
export const needs = ['releases'];

const SYSTEM = 'system:default/checkout';
const SYSTEM_PATH = '/catalog/default/system/checkout';
const RELEASE_MANAGER = 'carol';
/** Console messages of the plugin that must not appear. */
const FORBIDDEN_CONSOLE = /AlertApi is deprecated|rows to have an unique id/;

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
    throw new Error(`demo-user sign-in of ${name}: HTTP ${res.status}`);
  }
  return (await res.json()).backstageIdentity.token;
}

/**
 * Calls the plugin's API as a signed-in user.
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
  return text ? JSON.parse(text) : undefined;
}

/**
 * Moves an approved promotion through deployment.
 * @param {Toolkit} t
 * @param {{ id: string, environment: string }} promotion
 */
async function deploy(t, promotion) {
  await t.api('POST', `/promotions/${promotion.id}/transitions`, {
    to: 'deploying',
  });
  const done = await t.api('POST', `/promotions/${promotion.id}/transitions`, {
    to: 'succeeded',
  });
  if (done.state !== 'succeeded')
    throw new Error(`${promotion.environment}: ${done.state}`);
}

/**
 * Cuts a checkout release as CI with passing evidence.
 * @param {Toolkit} t
 * @param {string} suffix
 */
async function cutRelease(t, suffix) {
  const version = `e2e-rm${suffix}-${new Date()
    .toISOString()
    .replace(/[-:T]/g, '')
    .slice(0, 14)}`;
  const release = await t.api('POST', '/releases', {
    system: SYSTEM,
    version,
    riskClass: 'medium',
    notes: 'Browser test: the release manager journey',
  });
  for (const [type, summary] of [
    ['unit-tests', '1,204 passed, 0 failed'],
    ['security-scan', '0 critical, 0 high'],
  ]) {
    await t.api('POST', `/releases/${release.id}/evidence`, {
      type,
      status: 'pass',
      url: `https://ci.acme.example/checkout/${version}/${type}`,
      summary,
    });
  }
  return release;
}

/**
 * Records the plugin's forbidden console messages of a page into `into`.
 * @param {Page} page
 * @param {string[]} into
 */
function watchConsole(page, into) {
  page.on('console', message => {
    if (FORBIDDEN_CONSOLE.test(message.text())) {
      into.push(`${message.type()}: ${message.text().slice(0, 200)}`);
    }
  });
}

/**
 * The element that has focus, described by its role/label or text.
 * @param {Page} page
 */
const focused = page =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el
      ? `${el.tagName.toLowerCase()}#${el.id}[${
          el.getAttribute('aria-label') ?? el.textContent?.trim() ?? ''
        }]`
      : 'none';
  });

/**
 * The developer's gate check for the third release into Development, during the freeze.
 * @param {Toolkit} t
 */
async function developerSeesFreezeInPlainWords(t) {
  const { page } = t;
  watchConsole(page, t.state.console);
  await t.signInAsGuest();
  await page.goto(
    `${t.frontendUrl}${SYSTEM_PATH}/releases/${t.state.release3.id}`,
  );
  const opener = page.getByRole('button', { name: 'Promote to Development' });
  await opener.click();
  const promote = page.getByRole('dialog');
  await promote.getByText('Development is frozen').first().waitFor();
  await promote.getByText(/^Until .+: E2E freeze/).waitFor();
  const text = await promote.innerText();
  for (const [what, pattern] of /** @type {[string, RegExp][]} */ ([
    ['an ISO timestamp', /\d{4}-\d\d-\d\dT\d\d:/],
    ['an API field name', /emergencyOverride/],
    ['a permission id', /release-orchestration\.[a-z]/],
    ['an entity ref', /system:default\//],
  ])) {
    if (pattern.test(text)) {
      throw new Error(`the gate check shows ${what}: ${text}`);
    }
  }
  await t.screenshot('gate-check-plain-words');
  await page.keyboard.press('Escape');
  await promote.waitFor({ state: 'hidden' });
  const back = await focused(page);
  if (!back.includes('Promote to Development')) {
    throw new Error(
      `focus went to ${back}, not back to Promote to Development`,
    );
  }
}

/** @type {Scenario[]} */
export const scenarios = [
  {
    name: 'CI readies checkout releases: one waits for production, one for a freeze check; carol asks for staging herself',
    async run(t) {
      t.state.console = [];
      const r1 = await cutRelease(t, '1');
      t.state.release = r1;
      const dev = await t.api('POST', `/releases/${r1.id}/promotions`, {
        environment: 'dev',
      });
      await deploy(t, dev);
      const staging = await t.api('POST', `/releases/${r1.id}/promotions`, {
        environment: 'staging',
      });
      const bob = await demoUserToken(t, 'bob');
      await apiAs(t, bob, 'POST', `/promotions/${staging.id}/approvals`, {
        decision: 'approve',
      });
      await deploy(t, staging);
      // CI asks for production: the queue names it "CI pipeline".
      const production = await t.api('POST', `/releases/${r1.id}/promotions`, {
        environment: 'production',
        justification: 'Release manager journey',
      });
      if (production.state !== 'pending_approval')
        throw new Error(`production promotion is ${production.state}`);

      // Carol asks for staging of a second release herself: she may not vote on it.
      const r2 = await cutRelease(t, '2');
      t.state.release2 = r2;
      await deploy(
        t,
        await t.api('POST', `/releases/${r2.id}/promotions`, {
          environment: 'dev',
        }),
      );
      const carol = await demoUserToken(t, RELEASE_MANAGER);
      t.state.carolToken = carol;
      t.state.ownRequest = await apiAs(
        t,
        carol,
        'POST',
        `/releases/${r2.id}/promotions`,
        { environment: 'staging' },
      );
      // A third release, never promoted, for the freeze's gate check.
      t.state.release3 = await cutRelease(t, '3');
    },
  },
  {
    name: 'the queue shows lane titles, the version on one line and the context of a row',
    async run(t) {
      const rm = await t.newPage();
      t.state.rm = rm;
      watchConsole(rm, t.state.console);
      await rm.goto(`${t.frontendUrl}/release-orchestration/approvals`);
      await rm
        .getByRole('button', { name: `Sign in as ${RELEASE_MANAGER}` })
        .click();
      const queue = rm.getByRole('table', {
        name: 'Promotions waiting for your approval',
      });
      await queue.waitFor();
      await rm.getByLabel('Environment').selectOption('production');
      const version = t.state.release.version;
      const row = queue.getByRole('row').filter({ hasText: version }).first();
      await row.waitFor();
      const cells = await row.getByRole('cell').allInnerTexts();
      if (!cells.includes('Production')) {
        throw new Error(`the lane is not titled: ${cells.join(' | ')}`);
      }
      const rowText = await row.innerText();
      if (
        !rowText.includes('CI pipeline') ||
        /service:external/.test(rowText)
      ) {
        await t.screenshot('queue-requester', rm);
        throw new Error(`the requester is not named "CI pipeline": ${rowText}`);
      }
      const link = row.getByRole('link', { name: version });
      const wraps = await link.evaluate(
        el =>
          getComputedStyle(/** @type {Element} */ (el.closest('td')))
            .whiteSpace,
      );
      if (wraps !== 'nowrap') {
        throw new Error(`the version cell wraps (white-space: ${wraps})`);
      }

      const subject = `${version} of checkout to Production`;
      await row
        .getByRole('button', {
          name: `Show what ${subject} changes, its evidence and risk`,
        })
        .click();
      const details = rm.locator(`[id^="queue-details-"]`).first();
      await details
        .getByRole('heading', { name: /^What changes in Production/ })
        .waitFor();
      await details.getByRole('heading', { name: 'Why medium risk' }).waitFor();
      await details.getByText(/Declared medium risk by CI pipeline/).waitFor();
      await details.getByText('All required evidence passed.').waitFor();
      await details.getByRole('link', { name: 'security-scan' }).waitFor();
      await details
        .getByText(/attached by CI pipeline/)
        .first()
        .waitFor();
      await t.screenshot('queue-row-context', rm);
      await expectNoSeriousAxeViolations(rm, 'approval queue (row expanded)');

      // The Approve dialog: the same context, first focus on the comment, focus back on close.
      const approve = row.getByRole('button', { name: `Approve ${subject}` });
      await approve.click();
      const dialog = rm.getByRole('dialog');
      await dialog
        .getByRole('heading', { name: /^What changes in Production/ })
        .waitFor();
      await dialog.getByRole('heading', { name: 'Why medium risk' }).waitFor();
      const first = await focused(rm);
      if (!first.includes('#vote-comment')) {
        throw new Error(`first focus is on ${first}, not the comment`);
      }
      await t.screenshot('approve-dialog-context', rm);
      await rm.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      const back = await focused(rm);
      if (!back.includes(`Approve ${subject}`)) {
        throw new Error(
          `focus went to ${back}, not back to the Approve button`,
        );
      }
    },
  },
  {
    name: 'filters that hide everything say so and clear; a row carol cannot vote on says why',
    async run(t) {
      const rm = t.state.rm;
      // Development needs no approval: nothing ever waits there.
      await rm.getByLabel('Environment').selectOption('dev');
      await rm.getByLabel('Age').selectOption('1h');
      await rm.getByText('No promotion matches these filters').waitFor();
      if ((await rm.getByText('Nothing waits for your approval').count()) > 0) {
        throw new Error('the page says nothing waits while filters hide rows');
      }
      await rm.getByRole('button', { name: 'Clear filters' }).click();
      for (const filter of ['Environment', 'Age']) {
        const value = await rm.getByLabel(filter, { exact: true }).inputValue();
        if (value !== '') throw new Error(`${filter} still filters: ${value}`);
      }
      const queue = rm.getByRole('table', {
        name: 'Promotions waiting for your approval',
      });
      await queue
        .getByRole('row')
        .filter({ hasText: t.state.release.version })
        .first()
        .waitFor();

      await rm.getByLabel('Show', { exact: true }).selectOption('all');
      await rm
        .getByRole('heading', { name: 'All pending promotions' })
        .waitFor();
      const own = queue
        .getByRole('row')
        .filter({ hasText: t.state.release2.version })
        .first();
      await own
        .getByText(
          'You requested this promotion; separation of duties means another approver must vote',
        )
        .waitFor();
      if ((await own.getByRole('button', { name: /^Approve/ }).count()) > 0) {
        throw new Error('carol is offered a vote on her own request');
      }
      const cells = await own.getByRole('cell').allInnerTexts();
      if (!cells.includes('Staging')) {
        throw new Error(`the lane is not titled: ${cells.join(' | ')}`);
      }
      await t.screenshot('queue-all-pending-reasons', rm);
      await expectNoSeriousAxeViolations(rm, 'approval queue (all pending)');
    },
  },
  {
    name: 'carol declares a freeze picking a System from the catalog; the gate check reads in plain words',
    async run(t) {
      const rm = t.state.rm;
      const reason = `E2E freeze ${t.state.release3.version}: load test`;
      t.state.freezeReason = reason;
      await rm.goto(`${t.frontendUrl}/release-orchestration/approvals/freezes`);
      await rm
        .getByRole('heading', { name: 'Freeze windows', exact: true })
        .waitFor();
      const declare = rm.getByRole('button', { name: 'Declare freeze' });
      await declare.click();
      const dialog = rm.getByRole('dialog');
      await dialog.getByLabel('Environment').waitFor();
      const first = await focused(rm);
      if (!first.includes('#freeze-environment')) {
        throw new Error(
          `first focus is on ${first}, not the Environment field`,
        );
      }
      await dialog.getByLabel('Environment').selectOption('dev');
      if (
        !(await dialog.getByRole('radio', { name: 'All Systems' }).isChecked())
      ) {
        throw new Error('"All Systems" is not the explicit default');
      }
      await dialog.getByRole('radio', { name: 'Only these Systems' }).check();
      const search = dialog.getByLabel(/Search the catalog for Systems/);
      await search.fill('payme');
      await rm.getByRole('option', { name: 'payments' }).waitFor();
      await search.fill('checko');
      await rm.getByRole('option', { name: 'checkout' }).click();
      await dialog.getByLabel(/^Start \(.+\)/).waitFor();
      await dialog.getByLabel(/Reason/).fill(reason);
      await t.screenshot('declare-freeze', rm);
      await dialog.getByRole('button', { name: 'Declare freeze' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const row = rm.getByRole('row').filter({ hasText: reason });
      await row.waitFor();
      const cells = await row.getByRole('cell').allInnerTexts();
      if (
        !cells.includes('Development') ||
        !cells.some((/** @type {string} */ c) => c.includes('checkout'))
      ) {
        throw new Error(`the freeze row: ${cells.join(' | ')}`);
      }
      const freezes = await t.api('GET', '/freezes');
      const created = freezes.items.find(
        (/** @type {{ reason: string }} */ f) => f.reason === reason,
      );
      if (!created || created.systems.join() !== SYSTEM) {
        throw new Error(`the freeze covers ${created?.systems}`);
      }
      t.state.freeze = created;
      try {
        await developerSeesFreezeInPlainWords(t);
      } finally {
        // Other journeys promote checkout into Development: never leave the freeze behind.
        await apiAs(t, t.state.carolToken, 'DELETE', `/freezes/${created.id}`);
        t.state.freeze = undefined;
      }
    },
  },
  {
    name: 'the Releases tab and a release page have no serious accessibility violation and the plugin logs no warning',
    async run(t) {
      const { page } = t;
      await page.goto(`${t.frontendUrl}${SYSTEM_PATH}/releases`);
      await page
        .getByRole('region', { name: 'Production lane' })
        .or(page.getByRole('table').first())
        .first()
        .waitFor();
      await page.getByText(t.state.release.version).first().waitFor();
      await expectNoSeriousAxeViolations(page, 'the Releases tab');
      await page.goto(
        `${t.frontendUrl}${SYSTEM_PATH}/releases/${t.state.release.id}`,
      );
      await page
        .getByText(`Release ${t.state.release.version}`)
        .first()
        .waitFor();
      await page.getByRole('region', { name: 'Production lane' }).waitFor();
      await expectNoSeriousAxeViolations(page, 'a release page');
      if (t.state.console.length > 0) {
        throw new Error(
          `the plugin logged: ${[...new Set(t.state.console)].join('; ')}`,
        );
      }
    },
  },
  {
    name: 'clean-up: the freeze is deleted and the requests are withdrawn',
    async run(t) {
      const carol = t.state.carolToken;
      if (t.state.freeze) {
        await apiAs(t, carol, 'DELETE', `/freezes/${t.state.freeze.id}`);
      }
      await apiAs(
        t,
        carol,
        'POST',
        `/promotions/${t.state.ownRequest.id}/cancel`,
        {
          reason: 'browser test done',
        },
      );
      const pending = await t.api(
        'GET',
        `/promotions?state=pending_approval&system=${encodeURIComponent(
          SYSTEM,
        )}`,
      );
      for (const item of pending.items) {
        if (item.release.id === t.state.release.id) {
          await apiAs(
            t,
            carol,
            'POST',
            `/promotions/${item.promotion.id}/cancel`,
            {
              reason: 'browser test done',
            },
          );
        }
      }
      await t.state.rm.context().close();
    },
  },
];
