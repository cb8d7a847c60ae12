/*
 * Issue: DORA metrics for leaders. A guest signs in, opens the org-wide
 * Delivery performance page from the sidebar, compares the teams, opens one
 * team's Delivery performance tab (tiles, weekly charts, its Systems), sorts
 * the Systems by a metric and opens a System to find its DORA card on the
 * overview.
 */
export const title = 'DORA for leaders';

const LEVELS = ['Elite', 'High', 'Medium', 'Low'];
const METRICS = [
  'Deployment frequency',
  'Change lead time',
  'Change failure rate',
  'Failed deployment recovery time',
  'Rework rate',
];

/** The texts of the first column of a table, top to bottom. */
async function firstColumn(table) {
  return table.getByRole('rowheader').allInnerTexts();
}

export const scenarios = [
  {
    name: 'the org DORA page opens from the sidebar with every team',
    async run(t) {
      const { page } = t;
      await t.signInAsGuest();
      await page
        .getByRole('link', { name: 'Delivery performance' })
        .first()
        .click();
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
      t.log(`teams by lead time: ${sorted.join(', ')}`);
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
        await page.getByRole('img', { name: chart }).waitFor();
      }
      const systems = page.getByRole('table', { name: 'Systems' });
      await systems.getByRole('rowheader').first().waitFor();
      await page.getByText('Outliers', { exact: true }).waitFor();
      await t.screenshot('dora-team-tab');
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
      await header.click();
      await systems
        .locator('th[aria-sort="ascending"]', {
          hasText: 'Deployment frequency',
        })
        .waitFor();
      const ascending = await firstColumn(systems);
      t.log(
        `Systems, least frequent deployments first: ${ascending.join(', ')}`,
      );
      t.state.system = ascending[0];
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
      const card = page
        .getByRole('group', { name: 'Deployment frequency' })
        .first();
      await card.waitFor();
      await card
        .getByText(/^from \d+ deployments?$|^no deployments in the last/)
        .waitFor();
      await page
        .getByText('Delivery performance (DORA)')
        .scrollIntoViewIfNeeded();
      await t.screenshot('dora-system-card');
    },
  },
];
