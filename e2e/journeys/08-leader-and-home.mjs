// @ts-check
/*
 * Issue 12 (Leader, Whole portal): after sign-in the demo lands on a home page
 * (not a 404) with what waits for the user's vote, their Systems and their
 * teams' delivery performance; the org DORA page has one name; a weekly
 * chart tells each week's value on keyboard focus and has a table
 * alternative; axe-core finds no serious or critical violation on the org
 * DORA page and a team's tab.
 */
import { expectNoSeriousAxeViolations } from '../axe.mjs';

/**
 * @typedef {import('../run.mjs').Scenario} Scenario
 * @typedef {import('playwright-core').Page} Page
 */
export const title = 'Home page and leader pages';
/** @type {import('../run.mjs').DemoData[]} */
export const needs = ['deployments', 'incidents'];
/** Documentation images this journey writes (docs/images/<name>.png). */
export const docImages = ['home-page'];

/** @type {Scenario[]} */
export const scenarios = [
  {
    name: 'after sign-in the demo lands on a home page with approvals, my Systems and my teams',
    async run(t) {
      const { page } = t;
      await page.goto(`${t.frontendUrl}/`);
      const enter = page.getByRole('button', { name: 'Enter' });
      const home = page.getByText('Waiting for my approval').first();
      await enter.or(home).first().waitFor();
      if (await enter.isVisible()) await enter.click();
      await home.waitFor();
      if (new URL(page.url()).pathname !== '/') {
        throw new Error(`expected to stay on /, got ${page.url()}`);
      }
      // The guest belongs to payments-team and checkout-team: their Systems, each lane's release.
      const systems = page.getByRole('table', { name: 'My Systems' });
      await systems.getByRole('row').nth(1).waitFor();
      const rows = await systems.getByRole('row').allInnerTexts();
      for (const system of ['payments', 'checkout']) {
        if (!rows.some(r => r.replace(/\s+/g, '').startsWith(system))) {
          throw new Error(`My Systems lacks ${system}: ${rows.join(' | ')}`);
        }
      }
      const header = await systems.getByRole('row').first().innerText();
      if (!/Production/.test(header)) {
        throw new Error(`My Systems has no Production column: ${header}`);
      }
      const teams = page.getByRole('table', {
        name: 'Delivery performance of my teams',
      });
      await teams.getByRole('rowheader').first().waitFor();
      const teamNames = await teams.getByRole('rowheader').allInnerTexts();
      if (teamNames.length < 2) {
        throw new Error(`expected the guest's two teams, got ${teamNames}`);
      }
      // The queue card shows either the waiting promotions or says nothing waits.
      await page
        .getByRole('table', { name: 'Waiting for my approval' })
        .or(page.getByText('Nothing waits for your approval'))
        .first()
        .waitFor();
      await t.screenshot('home');
      await t.docImage('home-page');
    },
  },
  {
    name: 'the org DORA page has one name and no serious accessibility violation',
    async run(t) {
      const { page } = t;
      await page.getByRole('link', { name: 'DORA metrics' }).first().click();
      await page.waitForURL(/\/release-orchestration\/dora/);
      await page
        .getByRole('heading', { name: 'DORA metrics' })
        .first()
        .waitFor();
      const teams = page.getByRole('table', { name: 'Teams' });
      await teams.getByRole('rowheader').first().waitFor();
      const tile = page.getByRole('group', { name: 'Deployment frequency' });
      const sentence = await tile.first().innerText();
      if (
        !/Systems together; the level rated on the median System/.test(sentence)
      ) {
        throw new Error(
          `the frequency tile does not explain its level: ${sentence}`,
        );
      }
      await expectNoSeriousAxeViolations(page, 'org DORA page');
    },
  },
  {
    name: "a team's weekly chart tells each week's value on focus and as a table",
    async run(t) {
      const { page } = t;
      const teams = page.getByRole('table', { name: 'Teams' });
      await teams.getByRole('rowheader').getByRole('link').first().click();
      await page.waitForURL(/\/delivery-performance/);
      const chart = page.getByRole('group', { name: 'Deployments (per week)' });
      await chart.waitFor();
      const week = chart.locator('rect[tabindex="0"]');
      // The pointer stays where the team link was; over a bar of the new page it would show that
      // bar's value (hover) instead of the focused week's (seen with the generated demo teams).
      await page.mouse.move(0, 0);
      await week.focus();
      const label = await week.getAttribute('aria-label');
      if (!label || !/^Week of /.test(label)) {
        throw new Error(`the focused week has no value: ${label}`);
      }
      await page.getByText(label, { exact: true }).waitFor();
      await page.keyboard.press('ArrowLeft');
      const previous = await chart
        .locator('rect[tabindex="0"]')
        .getAttribute('aria-label');
      if (previous === label) {
        throw new Error('ArrowLeft did not move to the previous week');
      }
      const figure = page.locator('figure').filter({ has: chart });
      await figure.getByRole('button', { name: 'Show as table' }).click();
      const table = page.getByRole('table', { name: 'Deployments by week' });
      const rows = await table.getByRole('row').count();
      if (rows < 3) throw new Error(`the table lists ${rows - 1} week(s)`);
      await t.screenshot('team-chart-table');
      await expectNoSeriousAxeViolations(
        page,
        "a team's Delivery performance tab",
      );
    },
  },
];
