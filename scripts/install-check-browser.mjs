// The browser half of scripts/install-check.sh: in the fresh app, signs in as guest and checks
// that the Releases tab renders on the System (the configured lanes) and on the Component (the
// build the script reported), with no error panel. Chromium as in e2e/run.mjs (e2e/chromium.mjs).
//
// usage: node scripts/install-check-browser.mjs <frontend url> <directory for screenshots>
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../e2e/chromium.mjs';

const [frontendUrl, outDir] = process.argv.slice(2);
if (!outDir) {
  throw new Error(
    'usage: install-check-browser.mjs <frontend url> <screenshot directory>',
  );
}

const browser = await chromium.launch(
  chromiumLaunchOptions({
    executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
  }),
);
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
// The dev server compiles the app on first request: allow for a slow first load.
page.setDefaultTimeout(180_000);
const pageErrors = [];
page.on('pageerror', error => pageErrors.push(error.message));

async function check(name, entityPath, expectText) {
  await page.goto(`${frontendUrl}${entityPath}`);
  const enter = page.getByRole('button', { name: 'Enter' });
  // Entity page tabs are tabs in the legacy layout and links in the new one.
  const tab = page
    .getByRole('tab', { name: 'Releases' })
    .or(page.getByRole('link', { name: 'Releases', exact: true }))
    .first();
  await enter.or(tab).first().waitFor();
  if (await enter.isVisible()) {
    await enter.click();
  }
  await tab.click();
  await page.waitForURL(/\/releases$/);
  await page
    .getByText(expectText, { exact: true })
    .first()
    .waitFor({ timeout: 60_000 });
  const errorPanels = await page.getByText(/^Error:|Warning: /).count();
  await page.screenshot({
    path: path.join(outDir, `${name}.png`),
    fullPage: true,
  });
  if (errorPanels > 0) {
    throw new Error(
      `${name}: the page shows an error panel (screenshot ${name}.png)`,
    );
  }
  console.log(
    `  ${name}: the Releases tab opened from ${entityPath} and shows '${expectText}'`,
  );
}

async function checkOrExplain(name, url, expectText) {
  try {
    await check(name, url, expectText);
  } catch (error) {
    await page.screenshot({
      path: path.join(outDir, `${name}-failed.png`),
      fullPage: true,
    });
    const tabs = [
      ...(await page.getByRole('tab').allInnerTexts()),
      ...(await page.locator('main a').allInnerTexts()),
    ].slice(0, 30);
    const text = (
      await page
        .locator('main')
        .first()
        .innerText()
        .catch(() => '')
    ).slice(0, 600);
    console.log(
      `  ${name}: failed at ${page.url()}; tabs: [${tabs.join(
        ', ',
      )}]; page text: ${text}`,
    );
    throw error;
  }
}

try {
  await checkOrExplain(
    'system-releases-tab',
    '/catalog/default/system/examples',
    'Production',
  );
  await checkOrExplain(
    'component-releases-tab',
    '/catalog/default/component/example-website',
    '1.0.0',
  );
  // The two pages of the new frontend system are in the sidebar.
  for (const name of ['Approvals', 'DORA metrics']) {
    await page
      .getByRole('link', { name, exact: true })
      .first()
      .waitFor({ timeout: 30_000 });
  }
  console.log('  sidebar: Approvals and DORA metrics pages are linked');
  if (pageErrors.length > 0) {
    throw new Error(`uncaught errors in the page: ${pageErrors.join('; ')}`);
  }
} finally {
  await browser.close();
}
