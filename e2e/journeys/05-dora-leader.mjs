// @ts-check
/*
 * Issue: DORA metrics for leaders. A guest signs in, opens the org-wide
 * Delivery performance page from the sidebar, compares the teams, opens one
 * team's Delivery performance tab (tiles, weekly charts, its Systems), sorts
 * the Systems by a metric and opens a System to find its DORA card on the
 * overview.
 */
/**
 * @typedef {import('../run.mjs').Scenario} Scenario
 * @typedef {import('playwright-core').Locator} Locator
 */
export const title = 'DORA for leaders';
/** @type {import('../run.mjs').DemoData[]} */
export const needs = ['deployments', 'incidents'];
/** Documentation images this journey writes (docs/images/<name>.png). */
export const docImages = ['dora-org-page', 'dora-team-tab'];

const LEVELS = ['Elite', 'High', 'Medium', 'Low'];
const METRICS = [
  'Deployment frequency',
  'Change lead time',
  'Change failure rate',
  'Failed deployment recovery time',
  'Rework rate',
];

/**
 * The texts of the first column of a table, top to bottom.
 * @param {Locator} table
 */
async function firstColumn(table) {
  return table.getByRole('rowheader').allInnerTexts();
}

const SECONDS = { sec: 1, min: 60, hour: 3600, day: 86_400, week: 604_800 };
const PER_DAY = { day: 1, week: 1 / 7, month: 1 / 30 };

/**
 * The number a user reads in a metric's text: a duration in seconds ("3.5 hours"),
 * deployments per day ("2 per week"), a percentage ("12%"); undefined for "No data".
 * Throws on any other text: a value the UI should never show.
 * @param {string} text
 * @returns {number | undefined}
 */
export function readMetric(text) {
  const value = text.trim();
  if (value === 'No data' || value === 'No failures') return undefined;
  let m = /^(\d+(?:\.\d+)?) (sec|min|hour|day|week)s?$/.exec(value);
  if (m) return Number(m[1]) * SECONDS[/** @type {keyof SECONDS} */ (m[2])];
  m = /^(\d+(?:\.\d+)?) per (day|week|month)$/.exec(value);
  if (m) return Number(m[1]) * PER_DAY[/** @type {keyof PER_DAY} */ (m[2])];
  m = /^(\d+(?:\.\d+)?)%$/.exec(value);
  if (m && Number(m[1]) <= 100) return Number(m[1]) / 100;
  throw new Error(`not a plausible metric value: "${value}"`);
}

/**
 * The values a user reads in one metric column, top to bottom (the value is the
 * first text of the cell, before the trend and the level).
 * @param {Locator} table
 * @param {string} metric
 */
async function columnValues(table, metric) {
  const headers = (await table.getByRole('columnheader').allInnerTexts()).map(
    h => h.trim(),
  );
  const index = headers.indexOf(metric);
  if (index < 0)
    throw new Error(`no ${metric} column in ${JSON.stringify(headers)}`);
  const texts = [];
  for (const row of await table.locator('tbody tr').all()) {
    // Column 0 is the row header; the value is the first line of the cell.
    const cell = row.locator('th, td').nth(index);
    texts.push((await cell.innerText()).split('\n')[0].trim());
  }
  return texts;
}

/**
 * Throws unless the values are in order, rows without a value last.
 * @param {string[]} texts
 * @param {'ascending' | 'descending'} direction
 * @param {string} what
 */
function expectSorted(texts, direction, what) {
  const values = texts.map(readMetric);
  const firstEmpty = values.indexOf(undefined);
  const present = firstEmpty < 0 ? values : values.slice(0, firstEmpty);
  const inOrder =
    values.slice(present.length).every(v => v === undefined) &&
    present.every((v, i) => {
      if (i === 0) return true;
      const before = /** @type {number} */ (present[i - 1]);
      return direction === 'ascending'
        ? before <= /** @type {number} */ (v)
        : before >= /** @type {number} */ (v);
    });
  if (!inOrder) {
    throw new Error(`${what} are not ${direction}: ${texts.join(', ')}`);
  }
  if (present.length < 2) {
    throw new Error(
      `${what}: fewer than two values to compare (${texts.join(', ')})`,
    );
  }
}

/** @type {Scenario[]} */
export const scenarios = [
  {
    name: 'the org DORA page opens from the sidebar with every team',
    async run(t) {
      const { page } = t;
      await t.signInAsGuest();
      await page.getByRole('link', { name: 'DORA metrics' }).first().click();
      await page.waitForURL(/\/release-orchestration\/dora/);
      for (const metric of METRICS) {
        await page.getByRole('group', { name: metric }).first().waitFor();
      }
      const teams = page.getByRole('table', { name: 'Teams' });
      await teams.getByRole('rowheader').first().waitFor();
      t.state.teams = await firstColumn(teams);
      if (t.state.teams.length < 2) {
        throw new Error(
          `expected the demo's teams, got ${JSON.stringify(t.state.teams)}`,
        );
      }
      // The demo should show a believable spread of levels, not every team alike.
      const chips = await teams.locator('.MuiChip-label').allInnerTexts();
      const levels = [...new Set(chips.filter(text => LEVELS.includes(text)))];
      t.log(
        `teams: ${t.state.teams.join(', ')}; levels shown: ${levels.join(
          ', ',
        )}`,
      );
      if (levels.length < 2) {
        throw new Error(
          `expected teams at different levels, saw only ${
            levels.join(', ') || 'none'
          }`,
        );
      }
      await t.screenshot('dora-org-page');
      await t.docImage('dora-org-page');
    },
  },
  {
    name: 'the teams sort by change lead time, best first',
    async run(t) {
      const { page } = t;
      const teams = page.getByRole('table', { name: 'Teams' });
      await teams.getByRole('button', { name: 'Change lead time' }).click();
      await teams
        .locator('th[aria-sort="ascending"]', { hasText: 'Change lead time' })
        .waitFor();
      const sorted = await firstColumn(teams);
      if (
        JSON.stringify([...sorted].sort()) !==
        JSON.stringify([...t.state.teams].sort())
      ) {
        throw new Error(`sorting changed the rows: ${JSON.stringify(sorted)}`);
      }
      const leadTimes = await columnValues(teams, 'Change lead time');
      expectSorted(leadTimes, 'ascending', "the teams' change lead times");
      t.log(
        `teams by lead time: ${sorted
          .map((team, i) => `${team} ${leadTimes[i]}`)
          .join(', ')}`,
      );
      // Open the team with the most Systems, so that its Systems table has something to sort.
      let most = -1;
      for (const row of await teams.locator('tbody tr').all()) {
        const systems = Number(await row.getByRole('cell').first().innerText());
        if (systems > most) {
          most = systems;
          t.state.team = await row.getByRole('rowheader').innerText();
        }
      }
      t.log(`opening ${t.state.team} (${most} Systems)`);
    },
  },
  {
    name: "a team's Delivery performance tab shows tiles, weekly charts and its Systems",
    async run(t) {
      const { page } = t;
      await page.getByRole('link', { name: t.state.team, exact: true }).click();
      await page.waitForURL(
        /\/catalog\/default\/group\/[^/]+\/delivery-performance/,
      );
      await page
        .getByRole('group', { name: 'Change lead time' })
        .first()
        .waitFor();
      for (const chart of [
        'Deployments (per week)',
        'Change lead time (weekly median)',
      ]) {
        await page.getByRole('group', { name: chart }).waitFor();
      }
      const systems = page.getByRole('table', { name: 'Systems' });
      await systems.getByRole('rowheader').first().waitFor();
      await page.getByText('Outliers', { exact: true }).waitFor();
      await t.screenshot('dora-team-tab');
      await t.docImage('dora-team-tab');
    },
  },
  {
    name: 'the Systems sort by a metric',
    async run(t) {
      const { page } = t;
      const systems = page.getByRole('table', { name: 'Systems' });
      const header = systems.getByRole('button', {
        name: 'Deployment frequency',
      });
      await header.click();
      // Deployment frequency: higher is better, so the first click sorts descending.
      await systems
        .locator('th[aria-sort="descending"]', {
          hasText: 'Deployment frequency',
        })
        .waitFor();
      const descending = await columnValues(systems, 'Deployment frequency');
      expectSorted(
        descending,
        'descending',
        "the Systems' deployment frequencies",
      );
      await header.click();
      await systems
        .locator('th[aria-sort="ascending"]', {
          hasText: 'Deployment frequency',
        })
        .waitFor();
      const ascending = await firstColumn(systems);
      const frequencies = await columnValues(systems, 'Deployment frequency');
      expectSorted(
        frequencies,
        'ascending',
        "the Systems' deployment frequencies",
      );
      t.log(
        `Systems, least frequent deployments first: ${ascending
          .map((name, i) => `${name} ${frequencies[i]}`)
          .join(', ')}`,
      );
      // The least frequent System that deploys at all, so its card has values to check.
      t.state.system =
        ascending[frequencies.findIndex(f => readMetric(f) !== undefined)];
      await t.screenshot('dora-team-systems-sorted');
    },
  },
  {
    name: 'a System opens with its DORA card on the overview',
    async run(t) {
      const { page } = t;
      await page
        .getByRole('table', { name: 'Systems' })
        .getByRole('link', { name: t.state.system, exact: true })
        .click();
      await page.waitForURL(
        new RegExp(`/catalog/default/system/${t.state.system}`),
      );
      await page.getByText('Delivery performance (DORA)').waitFor();
      // What the card says must be what the API measured for the System.
      // The card's window: the last 30 days up to the next full minute.
      const to = Math.ceil(Date.now() / 60_000) * 60_000;
      const window = `from=${new Date(
        to - 30 * 86_400_000,
      ).toISOString()}&to=${new Date(to).toISOString()}`;
      const report = await t.api(
        'GET',
        `/dora?entity=${encodeURIComponent(
          `system:default/${t.state.system}`,
        )}&${window}`,
      );
      const { deployments } = report.current.deploymentFrequency;
      const frequency = page
        .getByRole('group', { name: 'Deployment frequency' })
        .first();
      await frequency.getByText(/^from \d+ deployments?$/).waitFor();
      const caption = await frequency
        .getByText(/^from \d+ deployments?$/)
        .innerText();
      if (
        caption !==
          `from ${deployments} deployment${deployments === 1 ? '' : 's'}` ||
        deployments < 1
      ) {
        throw new Error(
          `the card says "${caption}", the API counted ${deployments} deployments`,
        );
      }
      /** @type {string[]} */
      const read = [];
      for (const metric of METRICS) {
        const group = page.getByRole('group', { name: metric }).first();
        const value = (
          await group.locator('.MuiTypography-h5').first().innerText()
        ).trim();
        read.push(`${metric}: ${value}`);
        const number = readMetric(value); // throws on an implausible text
        const required =
          metric === 'Deployment frequency' || metric === 'Change lead time';
        if (required && !(number !== undefined && number > 0)) {
          throw new Error(
            `the DORA card shows no ${metric} for a System that deploys: "${value}"`,
          );
        }
      }
      t.log(`${t.state.system}'s DORA card: ${read.join('; ')}`);
      await page
        .getByText('Delivery performance (DORA)')
        .scrollIntoViewIfNeeded();
      await t.screenshot('dora-system-card');
    },
  },
];
