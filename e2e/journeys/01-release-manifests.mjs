// @ts-check
/*
 * Issue: release manifests. A developer signs in as guest, opens the payments
 * System's Releases tab, reads its releases, cuts a release through the dialog
 * and opens it to read its manifest: the System's components, each at its
 * newest build.
 */
/**
 * @typedef {import('../run.mjs').Toolkit} Toolkit
 * @typedef {import('../run.mjs').Scenario} Scenario
 * @typedef {import('playwright-core').Page} Page
 * @typedef {{ componentRef: string, version: string }} ManifestRow
 */
export const title = 'Release manifests';
/** @type {import('../run.mjs').DemoData[]} */
export const needs = ['releases'];
/** Documentation images this journey writes (docs/images/<name>.png). */
export const docImages = ['releases-tab', 'cut-release-dialog', 'release-view'];

const SYSTEM = 'system:default/payments';
const SYSTEM_PATH = '/catalog/default/system/payments';

/** The name a catalog link shows for a ref in the default namespace: `payments-api`. */
const shortName = (/** @type {string} */ ref) =>
  ref.replace(/^[^:]+:default\//, '');

/**
 * The table whose header row has these column titles (the Releases tab also
 * shows the environment matrix and other tables).
 * @param {Page} page
 * @param {string[]} titles
 */
function tableWithColumns(page, titles) {
  let table = page.getByRole('table');
  for (const name of titles) {
    table = table.filter({
      has: page.getByRole('columnheader', { name, exact: true }),
    });
  }
  return table;
}

/**
 * The cell texts of a table's body rows, top to bottom.
 * @param {import('playwright-core').Locator} table
 * @returns {Promise<string[][]>}
 */
async function bodyRows(table) {
  const rows = [];
  for (const row of await table.locator('tbody tr').all()) {
    rows.push(
      (await row.getByRole('cell').allInnerTexts()).map(text => text.trim()),
    );
  }
  return rows;
}

/**
 * Reads the Manifest table until it shows exactly the expected components at the
 * expected versions (component name in the first column, version in the second).
 * @param {Toolkit} t
 * @param {ManifestRow[]} expected
 */
async function expectManifest(t, expected) {
  const manifest = tableWithColumns(t.page, [
    'Component',
    'Version',
    'Artifact',
    'Commit',
  ]);
  await manifest.waitFor();
  const want = expected
    .map(c => `${shortName(c.componentRef)} ${c.version}`)
    .sort();
  let shown = /** @type {string[]} */ ([]);
  try {
    await t.until(
      'the manifest to list the release components',
      async () => {
        shown = (await bodyRows(manifest))
          .map(cells => `${cells[0]} ${cells[1]}`)
          .sort();
        return JSON.stringify(shown) === JSON.stringify(want);
      },
      30_000,
    );
  } catch {
    throw new Error(
      `the manifest shows ${JSON.stringify(
        shown,
      )}, the release has ${JSON.stringify(want)}`,
    );
  }
}

/** @type {Scenario[]} */
export const scenarios = [
  {
    name: 'a guest signs in to the portal',
    async run(t) {
      await t.signInAsGuest();
      // The catalog opens on the guest's own components: payments-team's are there.
      try {
        await t.page
          .getByRole('link', { name: 'payments', exact: true })
          .first()
          .waitFor();
      } catch (e) {
        const shown = await t.page
          .getByText(/Components \(\d+\)$/)
          .first()
          .innerText({ timeout: 1000 })
          .catch(() => 'no components table');
        throw new Error(`the catalog shows "${shown}" without payments: ${e}`);
      }
      await t.screenshot('signed-in-catalog');
    },
  },
  {
    name: 'the payments System shows its releases in the Releases tab',
    async run(t) {
      const { page } = t;
      // What the API lists first is what the tab must show first, newest first.
      const newest = await t.api(
        'GET',
        `/releases?system=${encodeURIComponent(SYSTEM)}&limit=5`,
      );
      /** @type {Array<{ version: string, componentCount: number }>} */
      const expected = newest.items;
      if (expected.length === 0)
        throw new Error('the demo data has no payments releases');
      await page.goto(`${t.frontendUrl}${SYSTEM_PATH}`);
      await page.getByRole('heading', { name: 'payments' }).first().waitFor();
      // Entity page tabs are tabs in the legacy layout and links in the new one.
      await page
        .getByRole('tab', { name: 'Releases' })
        .or(page.getByRole('link', { name: 'Releases', exact: true }))
        .first()
        .click();
      await page.waitForURL(/\/releases$/);
      await page.getByRole('button', { name: 'Cut release' }).waitFor();
      const releases = tableWithColumns(page, [
        'Version',
        'Author',
        'Components',
        'Risk',
      ]);
      await releases
        .getByRole('link', { name: expected[0].version, exact: true })
        .waitFor();
      const rows = (await bodyRows(releases)).slice(0, expected.length);
      const shown = rows.map(cells => `${cells[0]} (${cells[3]} components)`);
      const want = expected.map(
        r => `${r.version} (${r.componentCount} components)`,
      );
      if (JSON.stringify(shown) !== JSON.stringify(want)) {
        throw new Error(
          `the Releases tab lists ${JSON.stringify(
            shown,
          )}, the API ${JSON.stringify(want)}`,
        );
      }
      t.log(`releases listed: ${shown.join(', ')}`);
      await t.screenshot('releases-tab');
      await t.docImage('releases-tab');
    },
  },
  {
    name: 'a release is cut through the "Cut release" dialog, opens, and is listed',
    async run(t) {
      const { page } = t;
      // The dialog proposes the newest build of each of the System's components.
      const components = await t.api(
        'GET',
        '/systems/default/payments/components',
      );
      /** @type {ManifestRow[]} */
      const newestBuilds = components.items
        .filter((/** @type {any} */ c) => c.latestBuild)
        .map((/** @type {any} */ c) => ({
          componentRef: c.componentRef,
          version: c.latestBuild.version,
        }));
      if (newestBuilds.length === 0)
        throw new Error('payments has no builds to release');
      t.state.expectedManifest = newestBuilds;
      t.state.version = `e2e-${new Date()
        .toISOString()
        .replace(/[-:T]/g, '')
        .slice(0, 14)}`;
      await page.getByRole('button', { name: 'Cut release' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await dialog.getByLabel('Version name').fill(t.state.version);
      const submit = dialog.getByRole('button', { name: /^Create release/ });
      // Enabled once the components and their newest builds have loaded.
      await t.until('the submit button to be enabled', () =>
        submit.isEnabled(),
      );
      await t.screenshot('cut-release-dialog');
      await t.docImage('cut-release-dialog');
      await submit.click();
      await dialog.waitFor({ state: 'hidden' });
      // The new release opens at once, its address reading as its version, and
      // offers its first promotion.
      await page.waitForURL(
        new RegExp(`/releases/${t.state.version.replace(/[.]/g, '\\.')}$`),
      );
      await page.getByText(`Release ${t.state.version}`).first().waitFor();
      await page
        .getByRole('button', { name: /^Promote to / })
        .first()
        .waitFor();
      // Back on the list, it comes first with every component.
      await page.getByRole('link', { name: 'All releases' }).click();
      const releases = tableWithColumns(page, [
        'Version',
        'Author',
        'Components',
        'Risk',
      ]);
      await releases
        .getByRole('link', { name: t.state.version, exact: true })
        .waitFor();
      const [first] = await bodyRows(releases);
      if (
        first[0] !== t.state.version ||
        first[3] !== String(newestBuilds.length)
      ) {
        throw new Error(
          `the new release should be listed first with ${
            newestBuilds.length
          } components, the first row is ${JSON.stringify(first)}`,
        );
      }
      await t.screenshot('release-listed');
    },
  },
  {
    name: 'the new release opens with its manifest',
    async run(t) {
      const { page } = t;
      await page
        .getByRole('link', { name: t.state.version, exact: true })
        .click();
      await page.getByText(`Release ${t.state.version}`).first().waitFor();
      // What was stored is what the dialog proposed: every component at its newest build.
      const listed = await t.api(
        'GET',
        `/releases?system=${encodeURIComponent(SYSTEM)}&limit=5`,
      );
      const created = listed.items.find(
        (/** @type {{ version: string }} */ r) => r.version === t.state.version,
      );
      if (!created) throw new Error(`the API does not list ${t.state.version}`);
      const release = await t.api('GET', `/releases/${created.id}`);
      /** @type {ManifestRow[]} */
      const stored = release.components.map((/** @type {ManifestRow} */ c) => ({
        componentRef: c.componentRef,
        version: c.version,
      }));
      const key = (/** @type {ManifestRow[]} */ rows) =>
        JSON.stringify(rows.map(c => `${c.componentRef}@${c.version}`).sort());
      if (key(stored) !== key(t.state.expectedManifest)) {
        throw new Error(
          `the release holds ${key(stored)}, the newest builds are ${key(
            t.state.expectedManifest,
          )}`,
        );
      }
      await expectManifest(t, stored);
      await t.screenshot('release-view');
      await t.docImage('release-view');
    },
  },
];
