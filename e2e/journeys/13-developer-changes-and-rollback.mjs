// @ts-check
/*
 * Issue 12 (Developer, Releases tab and release page): the matrix links a
 * lane's release to what it changed since Production; the release page reads
 * as the version, lists per component the commits (linked SHA, author, time,
 * pull request links) and compares with the previous release or any lane;
 * a release opened by id ends up at its version's address; the Cut dialog
 * shows what production runs next to each version and opens the new release
 * with "Promote to …"; "Roll back to known-good" in a lane header shows the
 * target and what changes before asking, through the same API as CI;
 * axe-core finds no serious or critical violation on the Releases tab, a
 * release page with its commits, and the rollback dialog.
 */
import { expectNoSeriousAxeViolations } from '../axe.mjs';

/**
 * @typedef {import('../run.mjs').Toolkit} Toolkit
 * @typedef {import('../run.mjs').Scenario} Scenario
 * @typedef {import('playwright-core').Page} Page
 */
export const title = 'Developer: changes, release pages, cut and rollback';
/** @type {import('../run.mjs').DemoData[]} */
export const needs = ['releases', 'deployments'];

const SYSTEM = 'system:default/payments';
const TAB = '/catalog/default/system/payments/releases';
const escape = (/** @type {string} */ s) =>
  s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const shortName = (/** @type {string} */ ref) =>
  ref.replace(/^[^:]+:default\//, '');

/**
 * Opens the payments Releases tab and waits for the environment matrix.
 * @param {Toolkit} t
 */
async function openTab(t) {
  await t.page.goto(`${t.frontendUrl}${TAB}`);
  await t.page
    .getByRole('table', { name: 'Environment matrix' })
    .waitFor({ timeout: 60_000 });
}

/** @type {Scenario[]} */
export const scenarios = [
  {
    name: 'a developer signs in',
    async run(t) {
      await t.signInAsGuest();
    },
  },
  {
    name: '"Changed since Production" opens the lane\'s release by version, with its commits against production',
    async run(t) {
      const { page } = t;
      const lanes = await t.api(
        'GET',
        '/systems/default/payments/environments',
      );
      const lane = lanes.environments.find(
        (/** @type {any} */ l) =>
          l.currentRelease && l.environment !== 'production',
      );
      if (!lane)
        throw new Error('no payments lane but production runs a release');
      const release = lane.currentRelease;
      const diff = await t.api(
        'GET',
        `/releases/${release.id}/diff?against=production`,
      );
      await openTab(t);
      await page
        .getByRole('link', {
          name: `${lane.title}'s release ${release.version}: changed since Production`,
        })
        .click();
      await page.waitForURL(
        new RegExp(
          `${escape(TAB)}/${escape(release.version)}\\?against=production$`,
        ),
      );
      await page.getByText(`Release ${release.version}`).first().waitFor();
      const card = page
        .locator('div')
        .filter({
          has: page.getByRole('list', { name: 'Component changes' }),
        })
        .last();
      if (diff.against && diff.against.id !== release.id) {
        await page
          .getByText(
            `What this release changes in Production, which runs ${diff.against.version}`,
          )
          .waitFor();
      }
      const withCommits = diff.changes.filter(
        (/** @type {any} */ c) => (c.commits ?? []).length > 0,
      );
      t.log(
        `${release.version} against production: ${diff.changes.length} components, ${withCommits.length} with commits`,
      );
      for (const change of withCommits.slice(0, 2)) {
        const list = card.getByRole('list', {
          name: `Commits of ${shortName(change.componentRef)}`,
        });
        await list.waitFor();
        const shown = await list.getByRole('listitem').count();
        if (shown !== change.commits.length) {
          throw new Error(
            `${change.componentRef}: the page lists ${shown} commits, the API ${change.commits.length}`,
          );
        }
        const [commit] = change.commits;
        const sha = commit.sha.slice(0, 7);
        const link = list.getByRole('link', {
          name: new RegExp(`^Commit ${sha}`),
        });
        const href = await link.getAttribute('href');
        if (href !== commit.url || !/\/commit\//.test(href ?? '')) {
          throw new Error(
            `commit ${sha} links to ${href}, the API says ${commit.url}`,
          );
        }
        if (commit.author) {
          await list
            .getByText(new RegExp(`^${escape(commit.author)},`))
            .first()
            .waitFor();
        }
        const pull = (commit.references ?? []).find(
          (/** @type {any} */ r) => r.kind === 'pullRequest' && r.url,
        );
        if (pull) {
          const pullHref = await list
            .getByRole('link', {
              name: new RegExp(`^Pull request ${escape(pull.text)}`),
            })
            .first()
            .getAttribute('href');
          if (pullHref !== pull.url) {
            throw new Error(
              `${pull.text} links to ${pullHref}, the API says ${pull.url}`,
            );
          }
        }
      }
      t.state.laneRelease = release;
      await t.screenshot('changes-since-production');
      await expectNoSeriousAxeViolations(page, 'the release page');
    },
  },
  {
    name: 'the comparison switches to the previous release, and a release opened by id reads as its version',
    async run(t) {
      const { page } = t;
      const release = await t.api('GET', `/releases/${t.state.laneRelease.id}`);
      if (release.previousReleaseId) {
        const previous = await t.api(
          'GET',
          `/releases/${release.previousReleaseId}`,
        );
        await page.getByRole('button', { name: /^Compared with/ }).click();
        await page
          .getByRole('option', { name: 'The previous release' })
          .click();
        await page
          .getByText(`Compared with the previous release ${previous.version}`)
          .waitFor();
        await page.waitForURL(/\?against=previous$/);
      }
      await page.goto(`${t.frontendUrl}${TAB}/${release.id}`);
      await page.waitForURL(
        new RegExp(`${escape(TAB)}/${escape(release.version)}$`),
      );
      await page.getByText(`Release ${release.version}`).first().waitFor();
    },
  },
  {
    name: 'the Cut dialog shows what production runs, and the new release opens offering its promotion',
    async run(t) {
      const { page } = t;
      const lanes = await t.api(
        'GET',
        '/systems/default/payments/environments',
      );
      const production = lanes.environments[lanes.environments.length - 1];
      const running = new Map(
        production.running.map((/** @type {any} */ r) => [
          r.componentRef,
          r.version,
        ]),
      );
      const components = await t.api(
        'GET',
        '/systems/default/payments/components',
      );
      await openTab(t);
      await page.getByRole('button', { name: 'Cut release' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      for (const c of components.items.filter(
        (/** @type {any} */ x) => x.latestBuild,
      )) {
        const name = c.title ?? shortName(c.componentRef);
        const text = await dialog
          .getByLabel(`${name} in ${production.title}`)
          .innerText();
        const version = running.get(c.componentRef);
        const want = version
          ? new RegExp(`^${escape(production.title)} runs ${escape(version)}`)
          : new RegExp(`^Not in ${escape(production.title)} yet$`);
        if (!want.test(text)) {
          throw new Error(
            `${name}: the dialog says "${text}", production runs ${
              version ?? 'nothing'
            }`,
          );
        }
      }
      await t.screenshot('cut-dialog-with-production');
      const version = `e2e-12a-${Date.now()}`;
      await dialog.getByLabel('Version name').fill(version);
      const submit = dialog.getByRole('button', { name: /^Create release/ });
      await t.until('the submit button to be enabled', () =>
        submit.isEnabled(),
      );
      await submit.click();
      await page.waitForURL(new RegExp(`${escape(TAB)}/${escape(version)}$`));
      await page.getByText(`Release ${version}`).first().waitFor();
      await page
        .getByRole('button', { name: /^Promote to / })
        .first()
        .waitFor();
      const created = await t.api(
        'GET',
        `/releases/${encodeURIComponent(version)}?system=${encodeURIComponent(
          SYSTEM,
        )}`,
      );
      if (created.version !== version)
        throw new Error(`the API has no ${version}`);
      await t.screenshot('new-release-opened');
    },
  },
  {
    name: '"Roll back to known-good" shows the target and what changes, then asks through the rollback API',
    async run(t) {
      const { page } = t;
      const lanes = await t.api(
        'GET',
        '/systems/default/payments/environments',
      );
      const production = lanes.environments[lanes.environments.length - 1];
      await openTab(t);
      await page.getByRole('button', { name: 'Cut release' }).waitFor();
      await expectNoSeriousAxeViolations(page, 'the Releases tab');
      const header = page.getByRole('columnheader', {
        name: new RegExp(`^${production.title}`),
      });
      if (!production.currentRelease || !production.knownGoodRelease) {
        const why = await header
          .getByLabel(`${production.title}: rollback`)
          .innerText();
        t.log(`no rollback offered: ${why}`);
        if (!/^(Nothing deployed|No rollback)/.test(why))
          throw new Error(`unexpected reason: ${why}`);
        return;
      }
      const dryRun = await t.api(
        'GET',
        `/systems/default/payments/rollback/check?environment=${production.environment}`,
      );
      await header
        .getByRole('button', {
          name: `Roll back to known-good in ${production.title}`,
        })
        .click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      if (!dryRun.target) {
        await dialog.getByText(/Nothing to roll back to/).waitFor();
        if (
          await dialog
            .getByRole('button', { name: 'Roll back to known-good' })
            .isEnabled()
        ) {
          throw new Error('a rollback without a target can be confirmed');
        }
        await t.screenshot('rollback-nothing');
        return;
      }
      await dialog
        .getByText(
          new RegExp(
            `^${escape(production.title)} goes back${
              dryRun.current ? ` from ${escape(dryRun.current.version)}` : ''
            } to ${escape(dryRun.target.version)}`,
          ),
        )
        .waitFor();
      await dialog.getByRole('list', { name: 'Component changes' }).waitFor();
      await dialog.getByText('Gate check (rollback policy)').waitFor();
      await t.screenshot('rollback-dialog');
      await expectNoSeriousAxeViolations(page, 'the rollback dialog');
      const confirm = dialog.getByRole('button', {
        name: `Roll back to ${dryRun.target.version}`,
      });
      if (dryRun.check.outcome === 'refused') {
        if (await confirm.isEnabled())
          throw new Error('a refused rollback can be confirmed');
        t.log(
          `rollback refused: ${dryRun.check.unmetConditions
            .map((/** @type {any} */ c) => c.code)
            .join(', ')}`,
        );
        return;
      }
      await dialog
        .getByLabel(/Why roll back/)
        .fill('e2e: error rate up after the last release');
      await confirm.click();
      await dialog.waitFor({ state: 'hidden' });
      const promotions = await t.api(
        'GET',
        `/promotions?system=${encodeURIComponent(SYSTEM)}&environment=${
          production.environment
        }&limit=5`,
      );
      const rollback = promotions.items
        .map((/** @type {any} */ i) => i.promotion)
        .find(
          (/** @type {any} */ p) =>
            p.rollback &&
            p.releaseId === dryRun.target.id &&
            p.justification === 'e2e: error rate up after the last release',
        );
      if (!rollback) {
        throw new Error(
          `no rollback promotion of ${dryRun.target.version} was recorded`,
        );
      }
      t.log(`rollback to ${dryRun.target.version}: ${rollback.state}`);
    },
  },
];
