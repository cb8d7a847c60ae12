// @ts-check
/*
 * axe-core for the browser journeys: injects it into a page and throws on any
 * serious or critical violation (journeys 08, 12 and 13 use it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** @typedef {import('playwright-core').Page} Page */

const AXE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../node_modules/axe-core/axe.min.js',
);

/**
 * Runs axe-core on the page and throws on any serious or critical violation,
 * naming each rule and its first elements.
 * @param {Page} page
 * @param {string} where
 */
export async function expectNoSeriousAxeViolations(page, where) {
  // The portal's CSP refuses inline scripts but allows eval: load axe that way.
  const source = fs.readFileSync(AXE, 'utf8');
  await page.evaluate(code => {
    // eslint-disable-next-line no-eval
    (0, eval)(code);
  }, source);
  /** @type {{ id: string, impact: string, help: string, nodes: { target: string[], html: string }[] }[]} */
  const violations = await page.evaluate(async () => {
    // @ts-ignore injected above
    // Backstage's own Notifications sidebar item (@backstage/plugin-notifications, not this
    // suite) shows its unread count outside its aria-label once earlier journeys have sent
    // notifications; everything else on the page is checked.
    const result = await window.axe.run(
      { exclude: [['a[href="/notifications"]']] },
      {
        resultTypes: ['violations'],
      },
    );
    return result.violations.map((/** @type {any} */ v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((/** @type {any} */ n) => ({
        target: n.target,
        html: String(n.html).slice(0, 200),
      })),
    }));
  });
  const serious = violations.filter(
    v => v.impact === 'serious' || v.impact === 'critical',
  );
  if (serious.length > 0) {
    throw new Error(
      `${where}: ${
        serious.length
      } serious/critical axe rule(s) violated: ${serious
        .map(
          v =>
            `${v.id} (${v.impact}, ${v.nodes.length}x: ${v.help}; e.g. ${v.nodes
              .slice(0, 2)
              .map(n => `${n.target.join(' ')} ${n.html}`)
              .join(', ')})`,
        )
        .join('; ')}`,
    );
  }
}
