// @ts-check
/*
 * Issue 20 (signals): the release page updates live. A developer has a release page open; CI
 * attaches evidence through the API; the page shows it within seconds, without a reload, because
 * the backend announces the change on Backstage signals (release-orchestration:promotions) and
 * the page refetches (without signals it would only poll every minute; with them every 5).
 */
import { ciCutsRelease, utcStamp } from '../releases.mjs';

/**
 * @typedef {import('../run.mjs').Scenario} Scenario
 */
export const title = 'Live updates through signals';
/** @type {import('../run.mjs').DemoData[]} */
export const needs = ['releases'];

const SYSTEM = 'system:default/checkout';
const SYSTEM_PATH = '/catalog/default/system/checkout';
/** Well under both polling intervals (1 minute without signals, 5 with them). */
const LIVE_WITHIN_MS = 20_000;

/** @type {Scenario[]} */
export const scenarios = [
  {
    name: 'evidence attached by CI appears on an open release page within seconds, without a reload',
    async run(t) {
      const { page } = t;
      const version = `e2e-live-${utcStamp()}`;
      const release = await ciCutsRelease(t, {
        system: SYSTEM,
        version,
        notes: 'Browser test: live updates',
      });
      await t.signInAsGuest();
      const socket = page.waitForEvent('websocket', {
        predicate: ws => ws.url().includes('/signals'),
        timeout: 60_000,
      });
      await page.goto(
        `${t.frontendUrl}${SYSTEM_PATH}/releases/${encodeURIComponent(
          version,
        )}`,
      );
      await page.getByText(/^No evidence yet/).waitFor();
      await socket;
      // Marks this document: a reload would drop it.
      await page.evaluate(() => {
        /** @type {any} */ (window).__liveMarker = 'still here';
      });
      // Give the signals connection a moment to subscribe to the channel.
      await page.waitForTimeout(2000);

      const summary = `Live: 1,204 passed at ${version}`;
      const started = Date.now();
      await t.api('POST', `/releases/${release.id}/evidence`, {
        type: 'unit-tests',
        status: 'pass',
        url: `https://ci.acme.example/checkout/${version}/unit-tests`,
        summary,
      });
      await page.getByText(summary).waitFor({ timeout: LIVE_WITHIN_MS });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const marker = await page.evaluate(
        () => /** @type {any} */ (window).__liveMarker,
      );
      if (marker !== 'still here') {
        throw new Error('the page was reloaded instead of updated in place');
      }
      t.log(`the evidence appeared ${seconds}s after CI attached it`);
      await t.screenshot('release-page-live-evidence');
    },
  },
];
