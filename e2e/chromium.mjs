// @ts-check
/*
 * How every headless Chromium of the repository is launched: the browser journeys
 * (e2e/run.mjs), the install check's browser half (scripts/install-check-browser.mjs) and the
 * benchmark's pages scenario (packages/bench/src/scenarios/pagesScenario.ts).
 */

/**
 * What runs as root on these machines (no sandbox, no GPU), without background traffic that
 * would add requests or CPU to a measurement.
 */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

/**
 * Options for playwright-core's `chromium.launch`.
 *
 * @param {{ executablePath: string, headless?: boolean }} options
 * @returns {{ executablePath: string, headless: boolean, args: string[] }}
 */
export function chromiumLaunchOptions({ executablePath, headless = true }) {
  return { executablePath, headless, args: [...CHROMIUM_ARGS] };
}
