// @ts-check
/*
 * Issue 12 (Leader): the DORA and drift cards sit near the top of the System and Component
 * overviews (they were below the relations graph, ~1,400 px down). At a 1280x800 window both
 * cards' titles are in the first screen, without scrolling, and the cards come before the
 * relations graph. (On a Component the drift card is tall, so the DORA card's title sits just
 * above the fold there, at about 740 px.)
 */
/**
 * @typedef {import('../run.mjs').Scenario} Scenario
 * @typedef {import('../run.mjs').Toolkit} Toolkit
 * @typedef {import('playwright-core').Page} Page
 */
export const title = 'Overview cards near the top';
/** @type {import('../run.mjs').DemoData[]} */
export const needs = ['deployments'];
/** Documentation images this journey writes (docs/images/<name>.png). */
export const docImages = ['system-overview'];

const FIRST_SCREEN = { width: 1280, height: 800 };
/** A card's title must end above this line (px from the top of the window): the first screen. */
const FOLD = FIRST_SCREEN.height;
const CARDS = ['Environment drift', 'Delivery performance (DORA)'];

/**
 * The card titled `title` on the page.
 * @param {Page} page
 * @param {string} cardTitle
 */
function card(page, cardTitle) {
  return page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText(cardTitle, { exact: true }) })
    .first();
}

/**
 * Opens an entity's overview at the first-screen size and checks where the cards start.
 * @param {Toolkit} t
 * @param {string} entityPath
 */
async function checkOverview(t, entityPath) {
  const { page } = t;
  await page.setViewportSize(FIRST_SCREEN);
  await page.goto(`${t.frontendUrl}${entityPath}`);
  for (const name of CARDS) await card(page, name).waitFor();
  // The relations graph is drawn by the catalog graph plugin (not a Material UI card): find its
  // heading. It loads lazily; without it the check would say nothing, so it must be there.
  const relations = page.getByText('Relations', { exact: true }).first();
  await relations.waitFor({ timeout: 30_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  const relationsBox = await relations.boundingBox();
  if (!relationsBox) throw new Error('the relations graph is not displayed');
  /** @type {string[]} */
  const problems = [];
  /** @type {string[]} */
  const read = [];
  for (const name of CARDS) {
    const box = await card(page, name).boundingBox();
    const titleBox = await card(page, name)
      .getByText(name, { exact: true })
      .first()
      .boundingBox();
    if (!box || !titleBox) {
      problems.push(`the "${name}" card is not displayed`);
      continue;
    }
    const titleBottom = titleBox.y + titleBox.height;
    read.push(
      `${name} at y=${Math.round(box.y)} (title ends at ${Math.round(
        titleBottom,
      )})`,
    );
    if (titleBottom > FOLD) {
      problems.push(
        `the "${name}" card's title ends at y=${Math.round(
          titleBottom,
        )}, below the first screen (${FIRST_SCREEN.width}x${
          FIRST_SCREEN.height
        })`,
      );
    }
    if (box.y >= relationsBox.y) {
      problems.push(
        `the "${name}" card (y=${Math.round(
          box.y,
        )}) is below the relations graph (y=${Math.round(relationsBox.y)})`,
      );
    }
  }
  t.log(
    `${entityPath}: ${read.join(', ')}, Relations at y=${Math.round(
      relationsBox.y,
    )}`,
  );
  if (problems.length > 0) throw new Error(problems.join('; '));
}

/** @type {Scenario[]} */
export const scenarios = [
  {
    name: "a System's overview shows the drift and DORA cards in the first screen, above the relations graph",
    async run(t) {
      await t.signInAsGuest();
      await checkOverview(t, '/catalog/default/system/payments');
      await t.screenshot('system-overview');
      await t.docImage('system-overview');
    },
  },
  {
    name: "a Component's overview shows them in the first screen too",
    async run(t) {
      await checkOverview(t, '/catalog/default/component/payments-api');
      await t.screenshot('component-overview');
    },
  },
];
