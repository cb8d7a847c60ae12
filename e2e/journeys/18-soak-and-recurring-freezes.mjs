// @ts-check
/*
 * Issue 15: soak time and recurring freeze windows. search selects the demo
 * policy soak-time (app-config.yaml): a release must run 2 hours in development
 * without an open incident before staging. CI takes a search release into dev;
 * the developer (guest) opens Promote to Staging: the gate check says when it
 * is ready and how long remains; he asks anyway and the request sits blocked
 * with the reason on the release page; the queue API carries its ready-at
 * time. Carol (release manager) declares a recurring window for search in
 * staging on the freeze page ("Declare recurring window"): the dialog shows the
 * time zone and the next openings; the page and the banner show the window in
 * force with its next closing and opening. axe-core on the freeze page. The
 * window and the request are removed at the end.
 */
import { expectNoSeriousAxeViolations } from '../axe.mjs';
import { ciCutsRelease, utcStamp } from '../releases.mjs';

/**
 * @typedef {import('../run.mjs').Toolkit} Toolkit
 * @typedef {import('../run.mjs').Scenario} Scenario
 * @typedef {import('playwright-core').Page} Page
 */
export const title = 'Soak time and recurring freeze windows';
/** @type {import('../run.mjs').DemoData[]} */
export const needs = ['releases'];

const SYSTEM = 'system:default/search';
const SYSTEM_PATH = '/catalog/default/system/search';

/** @param {Toolkit} t */
const releasePage = t =>
  `${t.frontendUrl}${SYSTEM_PATH}/releases/${t.state.release.id}`;

/** `HH:MM` in UTC, `minutes` from now. */
const utcTime = (/** @type {number} */ minutes) =>
  new Date(Date.now() + minutes * 60_000).toISOString().slice(11, 16);

/**
 * @param {Toolkit} t
 * @param {string} name
 * @returns {Promise<string>} a bearer token of the demo user
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

/** @type {Scenario[]} */
export const scenarios = [
  {
    name: 'CI takes a search release into dev; staging needs it to soak there for 2 hours',
    async run(t) {
      const stamp = utcStamp();
      const version = `e2e-soak-${stamp}`;
      const sha = `${stamp}a`.padEnd(40, 'a');
      await t.api('POST', '/builds', {
        component: 'component:default/search-api',
        version: `3.${stamp}`,
        artifactUri: `registry.acme.example/search/search-api:3.${stamp}`,
        artifactDigest: `sha256:${stamp.padEnd(64, 'e')}`,
        commitSha: sha,
        commitTime: new Date().toISOString(),
      });
      const release = await ciCutsRelease(t, {
        system: SYSTEM,
        version,
        riskClass: 'low',
        notes: 'Browser test: soak time',
        evidence: [{ type: 'unit-tests', summary: '311 passed, 0 failed' }],
        through: ['dev'],
      });
      const check = await t.api(
        'GET',
        `/releases/${release.id}/promotions/check?environment=staging`,
      );
      const soaking = check.unmetConditions.find(
        (/** @type {{ code: string }} */ c) => c.code === 'soaking',
      );
      const readyIn = Date.parse(check.readyAt) - Date.now();
      if (!soaking || !(readyIn > 110 * 60_000 && readyIn <= 120 * 60_000)) {
        throw new Error(`staging gate check: ${JSON.stringify(check)}`);
      }
      t.log(`release ${version} soaks in dev until ${check.readyAt}`);
    },
  },
  {
    name: 'the developer sees how long the soak has to go, asks early, and the request waits blocked with the reason',
    async run(t) {
      const { page } = t;
      await t.signInAsGuest();
      await page.goto(releasePage(t));
      await page.getByRole('button', { name: 'Promote to Staging' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(/^Soaking: ready at /).waitFor();
      // How long it has soaked, of how long, and how long remains.
      await dialog
        .getByText(
          /has soaked in (dev|Development)\b.* for \d+m of 2h; ready at .+ \((2h|1h \d+m) to go\)/,
        )
        .waitFor();
      await dialog
        .getByText(
          /stored as blocked and goes on by itself when the soak is over/,
        )
        .waitFor();
      await t.screenshot('soak-gate-check');
      await dialog.getByRole('button', { name: 'Request promotion' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const staging = page.getByRole('region', { name: 'Staging lane' });
      await staging
        .getByText(
          /^Blocked: .*has soaked in (dev|Development)\b.* for \d+m of 2h/,
        )
        .waitFor();
      await t.screenshot('soak-blocked-request');

      // The approval queue lists it as waiting, with when it is ready.
      await page.goto(`${t.frontendUrl}/release-orchestration/approvals`);
      const waiting = page.getByRole('table', {
        name: 'Waiting for a soak time or a freeze',
      });
      const row = waiting
        .getByRole('row')
        .filter({ hasText: t.state.release.version });
      await row.getByText(/^Ready at .+ \d\d:\d\d/).waitFor();
      await row.getByText(/has soaked in (dev|Development)\b/).waitFor();
      await t.screenshot('soak-queue-ready-at');

      // The queue API carries when it is ready.
      const blocked = await t.api(
        'GET',
        `/promotions?state=blocked&system=${encodeURIComponent(SYSTEM)}`,
      );
      const item = blocked.items.find(
        (/** @type {{ promotion: { releaseId: string } }} */ i) =>
          i.promotion.releaseId === t.state.release.id,
      );
      if (
        !item ||
        item.promotion.environment !== 'staging' ||
        !(Date.parse(item.readyAt) > Date.now() + 100 * 60_000)
      ) {
        throw new Error(`blocked queue: ${JSON.stringify(blocked.items)}`);
      }
      t.state.blocked = item.promotion;
    },
  },
  {
    name: 'carol declares a recurring window for search in staging; the dialog shows the time zone and the next openings',
    async run(t) {
      const rm = await t.newPage();
      t.state.rm = rm;
      await rm.goto(`${t.frontendUrl}/release-orchestration/approvals`);
      await rm.getByRole('button', { name: 'Sign in as carol' }).click();
      await rm.getByRole('link', { name: 'Catalog' }).first().waitFor();
      await rm.goto(`${t.frontendUrl}/release-orchestration/approvals/freezes`);
      await rm
        .getByRole('heading', { name: 'Freeze windows', exact: true })
        .waitFor();
      await rm.getByRole('button', { name: 'Declare freeze' }).click();
      const dialog = rm.getByRole('dialog');
      await dialog.getByLabel('Environment').selectOption('staging');
      await dialog
        .getByRole('radio', { name: 'Declare recurring window' })
        .check();
      await dialog.getByRole('radio', { name: 'Only these Systems' }).check();
      const search = dialog.getByLabel(/Search the catalog for Systems/);
      await search.fill('searc');
      await rm.getByRole('option', { name: 'search', exact: true }).click();
      const name = `e2e-${Date.now().toString(36)}`;
      t.state.windowName = name;
      await dialog.getByLabel(/^Name/).fill(name);
      for (const day of [
        'Monday',
        'Tuesday',
        'Wednesday',
        'Thursday',
        'Friday',
        'Saturday',
        'Sunday',
      ]) {
        await dialog.getByRole('checkbox', { name: day }).check();
      }
      await dialog.getByLabel('Time zone of the times').selectOption('UTC');
      // In force now: opened an hour ago, closes in two.
      await dialog.getByLabel('Opens at (UTC)').fill(utcTime(-60));
      await dialog
        .getByLabel('Closes on')
        .selectOption({ label: 'the day it opens (or the next)' });
      await dialog.getByLabel('Closes at (UTC)').fill(utcTime(120));
      await dialog.getByLabel(/Reason/).fill('Search index rebuild');
      const preview = dialog.locator('#freeze-recurring-preview');
      await preview.getByText('Next openings (UTC)').waitFor();
      await preview.getByText(/^every day \d\d:\d\d - \d\d:\d\d/).waitFor();
      const openings = await preview.getByRole('listitem').allInnerTexts();
      if (
        openings.length !== 3 ||
        !openings.every(o => / UTC to .+ UTC$/.test(o.trim()))
      ) {
        throw new Error(`preview: ${openings.join(' | ')}`);
      }
      await t.screenshot('declare-recurring-window', rm);
      await dialog
        .getByRole('button', { name: 'Declare recurring window' })
        .click();
      await dialog.waitFor({ state: 'hidden' });
      const rules = await t.api('GET', '/recurring-freezes');
      const rule = rules.items.find(
        (/** @type {{ name: string }} */ r) => r.name === name,
      );
      if (
        !rule ||
        rule.systems.join() !== SYSTEM ||
        rule.environments.join() !== 'staging' ||
        rule.createdBy !== 'user:default/carol' ||
        rule.timeZone !== 'UTC'
      ) {
        throw new Error(`declared: ${JSON.stringify(rule)}`);
      }
      t.state.ruleId = rule.id;
    },
  },
  {
    name: 'the freeze page and the banner show the window in force with its next closing and opening; axe finds nothing serious',
    async run(t) {
      const rm = t.state.rm;
      try {
        const row = rm
          .getByRole('row')
          .filter({ hasText: `Recurring: ${t.state.windowName}` });
        await row.waitFor();
        const text = await row.innerText();
        if (
          !/in force \(recurring\)/.test(text) ||
          !/next closes .+ UTC; next opens .+ UTC/.test(text) ||
          !/carol/i.test(text)
        ) {
          throw new Error(`freeze row: ${text}`);
        }
        await row
          .getByRole('button', {
            name: `Skip a date of the recurring freeze ${t.state.windowName}`,
          })
          .waitFor();
        await t.screenshot('recurring-window-on-freeze-page', rm);
        await expectNoSeriousAxeViolations(rm, 'the freeze page');

        // The banner on search's Releases tab.
        await rm.goto(`${t.frontendUrl}${SYSTEM_PATH}/releases`);
        const banner = rm.getByRole('region', { name: 'Freeze windows' });
        await banner
          .getByText(new RegExp(`Recurring: ${t.state.windowName}`))
          .first()
          .waitFor();
        const said = await banner.innerText();
        if (
          !new RegExp(
            `Recurring: ${t.state.windowName}, every day .+next closes .+ UTC; next opens .+ UTC`,
            's',
          ).test(said)
        ) {
          throw new Error(`banner: ${said}`);
        }
        await t.screenshot('recurring-window-banner', rm);

        // The gate names the window for a staging promotion of search.
        const check = await t.api(
          'GET',
          `/releases/${t.state.release.id}/promotions/check?environment=staging`,
        );
        if (
          !check.freezes.some(
            (/** @type {{ id: string }} */ f) =>
              f.id === `recurring:${t.state.windowName}:staging`,
          )
        ) {
          throw new Error(
            `gate check freezes: ${JSON.stringify(check.freezes)}`,
          );
        }
      } finally {
        // Never leave the window or the blocked request behind for other journeys.
        const carol = await demoUserToken(t, 'carol');
        if (t.state.ruleId) {
          await apiAs(
            t,
            carol,
            'DELETE',
            `/recurring-freezes/${t.state.ruleId}`,
          );
        }
        if (t.state.blocked) {
          await apiAs(
            t,
            carol,
            'POST',
            `/promotions/${t.state.blocked.id}/cancel`,
            { reason: 'Browser test done' },
          );
        }
        await rm.context().close();
      }
    },
  },
];
