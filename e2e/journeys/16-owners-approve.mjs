// @ts-check
/*
 * Issue 15: owners of what changed approve. platform-core selects the demo
 * policy owners-approve (app-config.yaml): in staging the owning group of every
 * component a release changes approves too, and authors of the commits it
 * brings in cannot approve. CI reports an identity-service build with a commit
 * by bob, cuts a release and asks for staging. Bob (an engineer, so otherwise
 * an approver) sees in the approval queue and on the release page that he
 * cannot approve because he authored a commit, and which owning group still has
 * to. Carol (release manager, in platform-team) approves from the queue; the
 * dialog shows the owning groups; her vote counts for the engineers and for
 * platform-team, the release page shows who approved for the group, and the
 * audit trail has the owner-group event. axe-core on the pages both see.
 */
import { expectNoSeriousAxeViolations } from '../axe.mjs';

/**
 * @typedef {import('../run.mjs').Toolkit} Toolkit
 * @typedef {import('../run.mjs').Scenario} Scenario
 * @typedef {import('playwright-core').Page} Page
 */
export const title = 'Owners of what changed approve';
/** @type {import('../run.mjs').DemoData[]} */
export const needs = ['releases'];

const SYSTEM = 'system:default/platform-core';
const SYSTEM_PATH = '/catalog/default/system/platform-core';
const AUTHORED =
  'You authored a commit in this release (it brings it into staging); commit authors cannot approve it';

/** @param {Toolkit} t */
const releasePage = t =>
  `${t.frontendUrl}${SYSTEM_PATH}/releases/${t.state.release.id}`;

/**
 * @param {Toolkit} t
 * @param {Page} page
 * @param {string} name
 */
async function signInAsDemoUser(t, page, name) {
  await page.goto(`${t.frontendUrl}/release-orchestration/approvals`);
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  await page.getByRole('link', { name: 'Catalog' }).first().waitFor();
}

/**
 * The staging promotion on the release page.
 * @param {Page} page
 * @param {string} state
 */
const stagingPromotion = (page, state) =>
  page
    .getByRole('region', { name: 'Staging lane' })
    .getByRole('article', { name: `Promotion to staging, ${state}` });

/**
 * @param {Toolkit} t
 * @param {string} method
 * @param {string} apiPath
 * @param {object} [body]
 */
const ciApi = (t, method, apiPath, body) => t.api(method, apiPath, body);

/** @type {Scenario[]} */
export const scenarios = [
  {
    name: 'CI reports a build with a commit by bob, cuts a platform-core release and asks for staging',
    async run(t) {
      const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
      const version = `e2e-owners-${stamp}`;
      /** @param {string} n */
      const sha = n => `${stamp}${n}`.padEnd(40, 'b').slice(0, 40);
      await ciApi(t, 'POST', '/builds', {
        component: 'component:default/identity-service',
        version: `9.${stamp}`,
        artifactUri: `registry.acme.example/platform-core/identity-service:9.${stamp}`,
        artifactDigest: `sha256:${sha('d').replace(/b/g, 'c').padEnd(64, 'c')}`,
        commitSha: sha('1'),
        commitTime: new Date().toISOString(),
        commits: [
          {
            sha: sha('1'),
            time: new Date().toISOString(),
            message: 'Rotate signing keys every 30 days (PLAT-77)',
            author: 'Bob Berg <bob@acme.example>',
          },
          {
            sha: sha('2'),
            time: new Date(Date.now() - 60_000).toISOString(),
            message: 'Token cache metrics',
            author: 'Ada Lovelace',
          },
        ],
      });
      const release = await ciApi(t, 'POST', '/releases', {
        system: SYSTEM,
        version,
        riskClass: 'medium',
        notes: 'Browser test: owners of what changed approve',
      });
      t.state.release = release;
      await ciApi(t, 'POST', `/releases/${release.id}/evidence`, {
        type: 'unit-tests',
        status: 'pass',
        url: `https://ci.acme.example/platform-core/${version}/unit-tests`,
        summary: '812 passed, 0 failed',
      });
      const dev = await ciApi(t, 'POST', `/releases/${release.id}/promotions`, {
        environment: 'dev',
      });
      for (const to of ['deploying', 'succeeded']) {
        await ciApi(t, 'POST', `/promotions/${dev.id}/transitions`, { to });
      }
      const staging = await ciApi(
        t,
        'POST',
        `/releases/${release.id}/promotions`,
        { environment: 'staging' },
      );
      const groups = staging.changeApprovals?.ownerGroups ?? [];
      if (
        staging.state !== 'pending_approval' ||
        staging.policyName !== 'owners-approve' ||
        !groups.some(
          (/** @type {{ group: string, components: string[] }} */ g) =>
            g.group === 'group:default/platform-team' &&
            g.components.includes('component:default/identity-service'),
        ) ||
        !staging.changeApprovals.commitAuthors.includes('user:default/bob')
      ) {
        throw new Error(`staging promotion: ${JSON.stringify(staging)}`);
      }
      t.state.staging = staging;
      t.log(`release ${version} (${release.id}) waits for approval in staging`);
    },
  },
  {
    name: 'the commit author sees why he cannot approve, in the queue and on the release page',
    async run(t) {
      const bob = await t.newPage();
      t.state.bob = bob;
      await signInAsDemoUser(t, bob, 'bob');
      await bob.goto(`${t.frontendUrl}/release-orchestration/approvals`);
      const row = bob
        .getByRole('row')
        .filter({ hasText: t.state.release.version });
      await row.getByText(AUTHORED).waitFor();
      if (await row.getByRole('button', { name: /^Approve / }).count()) {
        throw new Error('the commit author is offered Approve in the queue');
      }
      await t.screenshot('owners-queue-commit-author', bob);

      await bob.goto(releasePage(t));
      const promotion = stagingPromotion(bob, 'pending approval');
      await promotion
        .getByText(
          /You authored a commit in this release, so you cannot approve it; someone else must\./,
        )
        .waitFor();
      const owners = promotion.getByRole('region', {
        name: 'Owners of what changed',
      });
      await owners.getByText('Owners of what changed approve too').waitFor();
      await owners
        .getByRole('list', { name: 'Owning groups' })
        .getByRole('listitem')
        .filter({ hasText: 'platform-team' })
        .getByText(/waiting for one of its members/)
        .waitFor();
      await owners
        .getByText(/Authors of the commits it brings in cannot approve:/)
        .waitFor();
      if (await promotion.getByRole('button', { name: /^Approve / }).count()) {
        throw new Error(
          'the commit author is offered Approve on the release page',
        );
      }
      await t.screenshot('owners-release-page-commit-author', bob);
      await expectNoSeriousAxeViolations(bob, 'release page (commit author)');
      await bob.context().close();
    },
  },
  {
    name: 'a release manager in the owning group approves from the queue and the release page shows it',
    async run(t) {
      const carol = await t.newPage();
      await signInAsDemoUser(t, carol, 'carol');
      await carol.goto(`${t.frontendUrl}/release-orchestration/approvals`);
      const row = carol
        .getByRole('row')
        .filter({ hasText: t.state.release.version });
      await row.getByRole('button', { name: /^Approve / }).click();
      const dialog = carol.getByRole('dialog');
      const owners = dialog.getByRole('region', {
        name: 'Owners of what changed',
      });
      await owners.getByText(/still to approve: platform-team\./).waitFor();
      await expectNoSeriousAxeViolations(carol, 'approve dialog');
      await t.screenshot('owners-approve-dialog', carol);
      await dialog
        .getByLabel('Comment (optional)')
        .fill('Key rotation reviewed with the platform team');
      await dialog
        .getByRole('button', { name: 'Approve', exact: true })
        .click();
      await dialog.waitFor({ state: 'hidden' });

      await carol.goto(releasePage(t));
      const promotion = stagingPromotion(carol, 'approved');
      await promotion
        .getByRole('region', { name: 'Owners of what changed' })
        .getByText('Every owning group has approved.')
        .waitFor();
      await promotion
        .getByRole('list', { name: 'Owning groups' })
        .getByRole('listitem')
        .filter({ hasText: 'platform-team' })
        .getByText(/approved by/)
        .waitFor();
      await promotion
        .getByText(/every owning group approved \(platform-team\)/)
        .waitFor();
      await t.screenshot('owners-release-page-approved', carol);

      const audit = await t.api(
        'GET',
        `/audit?entity=${encodeURIComponent(SYSTEM)}&limit=20`,
      );
      const event = audit.items.find(
        (/** @type {{ subjectId: string, action: string }} */ e) =>
          e.subjectId === t.state.staging.id &&
          e.action === 'approval.owner-group-approved',
      );
      if (!event || event.actor !== 'user:default/carol') {
        throw new Error(`audit trail: ${JSON.stringify(audit.items)}`);
      }
      await carol.context().close();
    },
  },
];
