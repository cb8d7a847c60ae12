/*
 * Issue: release manifests. A developer signs in as guest, opens the payments
 * System's Releases tab, cuts a release through the dialog and opens it.
 */
export const title = 'Release manifests';

const SYSTEM_PATH = '/catalog/default/system/payments';

export const scenarios = [
  {
    name: 'a guest signs in to the portal',
    async run(t) {
      await t.signInAsGuest();
      await t.page.getByRole('row').nth(1).waitFor();
      await t.screenshot('signed-in-catalog');
    },
  },
  {
    name: 'the payments System shows its releases in the Releases tab',
    async run(t) {
      const { page } = t;
      await page.goto(`${t.frontendUrl}${SYSTEM_PATH}`);
      await page.getByRole('heading', { name: 'payments' }).first().waitFor();
      // Entity page tabs are tabs in the legacy layout and links in the new one.
      await page
        .getByRole('tab', { name: 'Releases' })
        .or(page.getByRole('link', { name: 'Releases', exact: true }))
        .first()
        .click();
      await page.waitForURL(/\/releases$/);
      // The demo data has releases for payments; wait for the table to show them.
      await page.getByRole('button', { name: 'Cut release' }).waitFor();
      await page.getByRole('row').nth(1).waitFor();
      await t.screenshot('releases-tab');
    },
  },
  {
    name: 'a release is cut through the "Cut release" dialog and listed',
    async run(t) {
      const { page } = t;
      t.state.version = `e2e-${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}`;
      await page.getByRole('button', { name: 'Cut release' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await dialog.getByLabel('Version name').fill(t.state.version);
      const submit = dialog.getByRole('button', { name: /^Create release/ });
      // Enabled once the components and their newest builds have loaded.
      await t.until('the submit button to be enabled', () => submit.isEnabled());
      await t.screenshot('cut-release-dialog');
      await submit.click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('link', { name: t.state.version, exact: true }).waitFor();
      await t.screenshot('release-listed');
    },
  },
  {
    name: 'the new release opens with its manifest',
    async run(t) {
      const { page } = t;
      await page.getByRole('link', { name: t.state.version, exact: true }).click();
      await page.getByText(`Release ${t.state.version}`).first().waitFor();
      await page.getByText('Manifest').first().waitFor();
      await page.getByRole('row').nth(1).waitFor();
      await t.screenshot('release-view');
    },
  },
];
