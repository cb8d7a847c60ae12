// @ts-check
/*
 * Issue 15: quarantine. CI cuts a checkout release and takes it into dev (a
 * deployment reported there too). A release manager (carol) quarantines it on
 * the release page with a reason; the developer (guest) sees it flagged on the
 * release page, in the release list and in the environment matrix; the
 * Staging lane says why it offers no Promote, and the gate check refuses it
 * naming the quarantine. Carol
 * lifts the quarantine; the audit trail has both events.
 */
import { ciCutsRelease, utcStamp } from '../releases.mjs';

/**
 * @typedef {import('../run.mjs').Toolkit} Toolkit
 * @typedef {import('../run.mjs').Scenario} Scenario
 */
export const title = 'Release quarantine';
/** @type {import('../run.mjs').DemoData[]} */
export const needs = ['releases'];

const SYSTEM = 'system:default/checkout';
const SYSTEM_PATH = '/catalog/default/system/checkout';
const REASON = 'Checkout drops the basket when a voucher is applied';

/** @param {Toolkit} t */
const releasePage = t =>
  `${t.frontendUrl}${SYSTEM_PATH}/releases/${t.state.release.id}`;

/** @type {Scenario[]} */
export const scenarios = [
  {
    name: 'CI cuts a checkout release and takes it into dev',
    async run(t) {
      await ciCutsRelease(t, {
        system: SYSTEM,
        version: `e2e-quarantine-${utcStamp()}`,
        riskClass: 'low',
        notes: 'Browser test: quarantine',
        evidence: [{ type: 'unit-tests', summary: '1,204 passed, 0 failed' }],
        through: ['dev'],
        reportDeployments: true,
      });
    },
  },
  {
    name: 'a release manager quarantines it on the release page with a reason',
    async run(t) {
      const rm = await t.newPage();
      t.state.releaseManager = rm;
      await rm.goto(`${t.frontendUrl}/release-orchestration/approvals`);
      await rm.getByRole('button', { name: 'Sign in as carol' }).click();
      await rm.getByRole('link', { name: 'Catalog' }).first().waitFor();
      await rm.goto(releasePage(t));
      await rm.getByRole('button', { name: 'Quarantine release' }).click();
      const dialog = rm.getByRole('dialog');
      await dialog.getByLabel(/Reason/).fill(REASON);
      await t.screenshot('quarantine-dialog', rm);
      await dialog.getByRole('button', { name: 'Quarantine' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await rm.getByRole('status').filter({ hasText: REASON }).waitFor();
      await rm.getByRole('button', { name: 'Lift quarantine' }).waitFor();
      await t.screenshot('quarantined-release-page', rm);
    },
  },
  {
    name: 'the developer sees it flagged on the release page, the list and the matrix, and the gate refuses it',
    async run(t) {
      const { page } = t;
      await t.signInAsGuest();
      await page.goto(releasePage(t));
      await page.getByRole('status').filter({ hasText: REASON }).waitFor();
      await page.getByLabel(`Quarantined: ${REASON}`).first().waitFor();
      // Without release-orchestration.release.quarantine there is nothing to lift.
      if (await page.getByRole('button', { name: 'Lift quarantine' }).count()) {
        throw new Error('the guest is offered Lift quarantine');
      }
      // The lane says why instead of offering Promote; the gate check names the quarantine.
      const staging = page.getByRole('region', { name: 'Staging lane' });
      await staging
        .getByText(
          /is quarantined: it cannot be promoted until the quarantine is lifted/,
        )
        .waitFor();
      if (await staging.getByRole('button', { name: /^Promote to/ }).count()) {
        throw new Error('a quarantined release is offered Promote to Staging');
      }
      await t.screenshot('quarantine-release-page-developer');
      const check = await t.api(
        'GET',
        `/releases/${t.state.release.id}/promotions/check?environment=staging`,
      );
      const condition = check.unmetConditions.find(
        (/** @type {{ code: string }} */ c) => c.code === 'quarantined',
      );
      if (check.outcome !== 'refused' || !condition?.message.includes(REASON)) {
        throw new Error(`gate check: ${JSON.stringify(check)}`);
      }

      await page.goto(`${t.frontendUrl}${SYSTEM_PATH}/releases`);
      const matrix = page.getByRole('table', { name: 'Environment matrix' });
      await matrix
        .getByRole('cell', { name: 'Development lane' })
        .getByLabel(`Quarantined: ${REASON}`)
        .waitFor();
      await page
        .getByRole('row')
        .filter({ hasText: t.state.release.version })
        .getByLabel(`Quarantined: ${REASON}`)
        .first()
        .waitFor();
      await t.screenshot('quarantine-list-and-matrix');
    },
  },
  {
    name: 'the release manager lifts the quarantine, and the audit trail has both',
    async run(t) {
      const rm = t.state.releaseManager;
      await rm.getByRole('button', { name: 'Lift quarantine' }).click();
      const dialog = rm.getByRole('dialog');
      await dialog
        .getByLabel(/Reason/)
        .fill('The voucher service was at fault, not this release');
      await dialog.getByRole('button', { name: 'Lift quarantine' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await rm.getByRole('button', { name: 'Quarantine release' }).waitFor();
      const audit = await t.api(
        'GET',
        `/audit?entity=${encodeURIComponent(SYSTEM)}&limit=50`,
      );
      const actions = audit.items
        .filter(
          (/** @type {{ subjectId: string }} */ e) =>
            e.subjectId === t.state.release.id,
        )
        .map(
          (/** @type {{ action: string, actor: string }} */ e) =>
            `${e.action} by ${e.actor}`,
        );
      const expected = [
        'release.quarantine-lifted by user:default/carol',
        'release.quarantined by user:default/carol',
      ];
      if (actions.slice(0, 2).join(', ') !== expected.join(', ')) {
        throw new Error(`audit trail: ${actions.join(', ')}`);
      }
      await rm.context().close();
    },
  },
];
