import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { promotionTestEntities } from './__testUtils__/orgFixtures';
import {
  as,
  ci,
  promotionApi,
  promotionTestConfig,
} from './__testUtils__/promotionHarness';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { createTestDatabases } from './__testUtils__/testStores';

jest.setTimeout(60_000);

const members = ['user:default/ravi', 'user:default/rita', 'user:default/sam'];

describe('promotions, approvals and evidence', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const start = (
      extra: Partial<Parameters<typeof startPluginBackend>[0]> = {},
    ) =>
      startPluginBackend({
        databases,
        databaseId,
        config: promotionTestConfig,
        entities: promotionTestEntities(),
        ...extra,
      });

    it('promotes a release through the lanes on evidence and approvals, and records who did what', async () => {
      const { server, notifications } = await start();
      const api = promotionApi(server);
      const r1 = await api.cutRelease('1.0.0');

      const refused = await api.request(r1.id, 'staging');
      expect(refused.status).toBe(422);
      expect(refused.body.error.name).toBe('PromotionRefusedError');
      expect(refused.body.response).toEqual({ statusCode: 422 });
      expect(refused.body.unmetConditions.map((c: any) => c.code)).toEqual([
        'previous-environment',
        'evidence-missing',
      ]);
      expect(refused.body.error.message).toContain(
        '2 conditions are not met. Release 1.0.0 of system:default/shop has not succeeded in Dev (dev) yet',
      );

      await api.attachPassing(r1.id, 'unit-tests');
      const scan = await api.post(`/releases/${r1.id}/evidence`, {
        type: 'security-scan',
        status: 'pass',
        url: 'https://scanner.example/r1',
        summary: 'no findings',
        environment: 'production',
        contentDigest: `sha256:${'A'.repeat(64)}`,
      });
      expect(scan.status).toBe(201);
      expect(scan.body).toMatchObject({
        releaseId: r1.id,
        type: 'security-scan',
        environment: 'production',
        contentDigest: `sha256:${'a'.repeat(64)}`,
        createdBy: 'service:external:test-service',
      });

      const dev = await api.request(r1.id, 'dev');
      expect(dev.status).toBe(201);
      expect(dev.body).toMatchObject({
        state: 'approved',
        requestedBy: 'user:default/dev1',
        releaseVersion: '1.0.0',
        approvalCount: 0,
      });
      await api.deploy(dev.body.id);
      await api.promote(r1.id, 'staging');

      const check = await api.get(
        `/releases/${r1.id}/promotions/check?environment=production`,
        as('dev1'),
      );
      expect(check.body).toEqual({
        releaseId: r1.id,
        environment: 'production',
        rollback: false,
        policy: {
          approvers: ['group:default/release-managers'],
          minApprovals: 2,
          separationOfDuties: true,
          requiredEvidence: ['unit-tests', 'security-scan'],
          requirePreviousEnvironment: true,
        },
        outcome: 'pending_approval',
        unmetConditions: [],
        freezes: [],
        eligibleApprovers: members,
      });

      const prod = await api.request(r1.id, 'production', 'dev1', {
        justification: 'Ship the fix',
      });
      expect(prod.status).toBe(201);
      expect(prod.body).toMatchObject({
        state: 'pending_approval',
        justification: 'Ship the fix',
        rollback: false,
      });
      const id = prod.body.id;
      expect(notifications.summary()).toEqual([
        { to: members, title: 'Approval needed: shop 1.0.0 to production' },
      ]);

      const again = await api.request(r1.id, 'production', 'dev2');
      expect(again.status).toBe(409);
      expect(again.body.unmetConditions).toEqual([
        {
          code: 'open-promotion',
          message: expect.stringContaining(`(${id}, pending_approval)`),
        },
      ]);

      const queue = await api.get(
        '/promotions?state=pending_approval&approver=me',
        as('rita'),
      );
      expect(queue.body.items).toHaveLength(1);
      expect(queue.body.items[0]).toMatchObject({
        promotion: { id, requestedBy: 'user:default/dev1' },
        release: {
          id: r1.id,
          systemRef: 'system:default/shop',
          version: '1.0.0',
          riskClass: 'medium',
        },
        evidence: {
          counts: { pass: 2, fail: 0, warn: 0 },
          missingRequired: [],
        },
      });
      expect(queue.body.items[0].ageSeconds).toBeGreaterThanOrEqual(0);
      expect(
        (await api.get('/promotions?approver=me', as('dev1'))).body.items,
      ).toEqual([]);
      expect(
        (await api.get('/promotions?approver=me', as('sam'))).body.items,
      ).toHaveLength(1);
      // The badge's count: the same queue, without the promotions.
      const queueSize = async (user: string, filters = '') =>
        (await api.get(`/promotions/count?approver=me${filters}`, as(user)))
          .body;
      expect(await queueSize('rita', '&state=pending_approval')).toEqual({
        count: 1,
      });
      expect(await queueSize('sam')).toEqual({ count: 1 });
      expect(await queueSize('dev1')).toEqual({ count: 0 });
      expect(await queueSize('dev2')).toEqual({ count: 0 });
      expect(await queueSize('rita', '&environment=staging')).toEqual({
        count: 0,
      });
      expect((await api.get('/promotions/count?approver=me', ci)).body).toEqual(
        { count: 0 },
      );
      // Every pending item says whether the caller may vote and, if not, why, in plain words.
      expect(queue.body.items[0]).toMatchObject({ canVote: true });
      expect(queue.body.items[0].cannotVoteReason).toBeUndefined();
      const voting = async (user: string) => {
        const [item] = (
          await api.get('/promotions?state=pending_approval', as(user))
        ).body.items;
        return [item.canVote, item.cannotVoteReason];
      };
      expect(await voting('dev1')).toEqual([
        false,
        'You requested this promotion; separation of duties means another approver must vote',
      ]);
      expect(await voting('mock')).toEqual([
        false,
        'You cut this release; separation of duties means another approver must vote',
      ]);
      expect(await voting('dev2')).toEqual([
        false,
        'Only members of release-managers can vote, and you are not one',
      ]);

      const stranger = await api.vote(id, 'dev2');
      expect(stranger.status).toBe(403);
      expect(stranger.body.error.message).toBe(
        'You are not a member of an approver group of this promotion (group:default/release-managers)',
      );
      const author = await api.vote(id, 'mock');
      expect(author.status).toBe(403);
      expect(author.body.error.message).toContain(
        'You cut release 1.0.0; separation of duties',
      );
      const byService = await api.post(
        `/promotions/${id}/approvals`,
        { decision: 'approve' },
        ci,
      );
      expect(byService.status).toBe(403);

      const first = await api.vote(id, 'rita', 'approve', 'Looks good');
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        state: 'pending_approval',
        approvalCount: 1,
      });
      expect((await api.vote(id, 'rita')).status).toBe(409);
      expect(
        (await api.get('/promotions?approver=me', as('rita'))).body.items,
      ).toEqual([]);
      expect(await queueSize('rita')).toEqual({ count: 0 });
      expect(await queueSize('sam')).toEqual({ count: 1 });
      expect(await voting('rita')).toEqual([false, 'You already approved it']);
      const second = await api.vote(id, 'sam');
      expect(second.body).toMatchObject({
        state: 'approved',
        approvalCount: 2,
      });
      const late = await api.vote(id, 'ravi');
      expect(late.status).toBe(409);
      expect(late.body.error.message).toContain('The promotion is approved');
      // The decision replaces each approver's "approval needed" (same scope), and the requester is told.
      expect(notifications.summary()).toEqual([
        { to: members, title: 'Approval needed: shop 1.0.0 to production' },
        { to: members, title: 'Approved: shop 1.0.0 to production' },
        {
          to: ['user:default/dev1'],
          title: 'Approved: shop 1.0.0 to production',
        },
      ]);
      expect(notifications.sent.map(n => n.payload.scope)).toEqual([
        `release-orchestration:promotion:${id}`,
        `release-orchestration:promotion:${id}`,
        `release-orchestration:promotion:${id}`,
      ]);
      expect(notifications.sent[1].payload).toMatchObject({
        severity: 'low',
        description:
          'Approved by user:default/rita, user:default/sam; no vote needed any more.',
      });

      const skip = await api.post(`/promotions/${id}/transitions`, {
        to: 'succeeded',
      });
      expect(skip.status).toBe(409);
      expect(skip.body.error.message).toContain(
        'from approved it can only become deploying or cancelled',
      );
      await api.deploy(id);

      const release = await api.get(`/releases/${r1.id}`);
      expect(release.body.evidence.map((e: any) => e.type)).toEqual([
        'security-scan',
        'unit-tests',
      ]);
      expect(
        release.body.promotions.map((p: any) => [p.environment, p.state]),
      ).toEqual([
        ['production', 'succeeded'],
        ['staging', 'succeeded'],
        ['dev', 'succeeded'],
      ]);
      const production = release.body.promotions[0];
      expect(
        production.approvals.map((a: any) => [
          a.approver,
          a.decision,
          a.comment,
        ]),
      ).toEqual([
        ['user:default/rita', 'approve', 'Looks good'],
        ['user:default/sam', 'approve', undefined],
      ]);
      expect(
        production.transitions.map((t: any) => [t.from, t.to, t.actor]),
      ).toEqual([
        [undefined, 'pending_approval', 'user:default/dev1'],
        ['pending_approval', 'approved', 'user:default/sam'],
        ['approved', 'deploying', 'service:external:test-service'],
        ['deploying', 'succeeded', 'service:external:test-service'],
      ]);

      const audit = await api.get(
        '/audit?entity=system:default/shop&limit=100',
      );
      const actions = audit.body.items.map((e: any) => e.action).reverse();
      expect(actions.filter((a: string) => a !== 'release.created')).toEqual([
        'evidence.attached',
        'evidence.attached',
        'promotion.requested',
        'promotion.deploying',
        'promotion.succeeded',
        'promotion.requested',
        'promotion.deploying',
        'promotion.succeeded',
        'promotion.requested',
        'approval.recorded',
        'approval.recorded',
        'promotion.approved',
        'promotion.deploying',
        'promotion.succeeded',
      ]);
      expect((await api.get('/audit/verify')).body.valid).toBe(true);
    });

    it('rejects on the first rejection, keeps separation of duties, and lets the requester cancel', async () => {
      const { server, notifications } = await start({
        permissions: {
          // dev2 may not create promotions; everyone else may do everything.
          authorize: async (requests, options) =>
            requests.map(r => ({
              result:
                r.permission.name ===
                  'release-orchestration.promotion.create' &&
                (options?.credentials.principal as any).userEntityRef ===
                  'user:default/dev2'
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            })),
        },
      });
      const api = promotionApi(server);
      const r1 = await api.cutRelease('1.0.0');
      await api.attachPassing(r1.id, 'unit-tests', 'security-scan');
      await api.promote(r1.id, 'dev');
      await api.promote(r1.id, 'staging');

      const byRita = await api.request(r1.id, 'production', 'rita');
      expect(byRita.status).toBe(201);
      const check = await api.get(
        `/releases/${r1.id}/promotions/check?environment=production`,
        as('rita'),
      );
      expect(check.body.outcome).toBe('refused');
      expect(check.body.eligibleApprovers).toEqual([
        'user:default/ravi',
        'user:default/sam',
      ]);
      const own = await api.vote(byRita.body.id, 'rita');
      expect(own.status).toBe(403);
      expect(own.body.error.message).toContain('You requested this promotion');
      const noComment = await api.vote(byRita.body.id, 'ravi', 'reject');
      expect(noComment.status).toBe(400);
      expect(noComment.body.error.message).toContain(
        'comment: is required when rejecting',
      );
      const rejected = await api.vote(
        byRita.body.id,
        'ravi',
        'reject',
        'No rollback plan',
      );
      expect(rejected.body).toMatchObject({
        state: 'rejected',
        approvalCount: 0,
      });
      expect(notifications.summary().slice(-2)).toEqual([
        {
          to: ['user:default/ravi', 'user:default/sam'],
          title: 'Rejected: shop 1.0.0 to production',
        },
        {
          to: ['user:default/rita'],
          title: 'Rejected: shop 1.0.0 to production',
        },
      ]);
      expect(notifications.sent.slice(-3).map(n => n.payload.scope)).toEqual(
        Array(3).fill(`release-orchestration:promotion:${byRita.body.id}`),
      );
      expect(
        (await api.post(`/promotions/${byRita.body.id}/cancel`, {}, as('rita')))
          .status,
      ).toBe(409);

      const byDev1 = await api.request(r1.id, 'production', 'dev1');
      const denied = await api.post(
        `/promotions/${byDev1.body.id}/cancel`,
        {},
        as('dev2'),
      );
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toContain(
        'Only the requester (user:default/dev1)',
      );
      expect((await api.request(r1.id, 'production', 'dev2')).status).toBe(403);
      const cancelled = await api.post(
        `/promotions/${byDev1.body.id}/cancel`,
        { reason: 'wrong window' },
        as('dev1'),
      );
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.state).toBe('cancelled');
      expect(cancelled.body.transitions.at(-1)).toMatchObject({
        from: 'pending_approval',
        to: 'cancelled',
        actor: 'user:default/dev1',
        reason: 'wrong window',
      });
      // The approvers' "approval needed" is replaced: nothing left to vote on.
      expect(notifications.sent.at(-1)).toMatchObject({
        recipients: { type: 'entity', entityRef: members },
        payload: {
          title: 'Cancelled: shop 1.0.0 to production',
          description:
            'user:default/dev1 withdrew the request: wrong window; no vote needed any more.',
          severity: 'low',
          scope: `release-orchestration:promotion:${byDev1.body.id}`,
        },
      });
      expect(notifications.sent.at(-2)?.payload).toMatchObject({
        title: 'Approval needed: shop 1.0.0 to production',
        scope: `release-orchestration:promotion:${byDev1.body.id}`,
      });
      expect((await api.vote(byDev1.body.id, 'sam')).status).toBe(409);

      const byDev1Again = await api.request(r1.id, 'production', 'dev1');
      expect(byDev1Again.status).toBe(201);
      const byManager = await api.post(
        `/promotions/${byDev1Again.body.id}/cancel`,
        {},
        as('ravi'),
      );
      expect(byManager.body.state).toBe('cancelled');
    });

    it('blocks promotions into a frozen lane unless an emergency override is given by someone allowed', async () => {
      const { server } = await start({
        permissions: {
          authorize: async (requests, options) =>
            requests.map(r => ({
              result:
                r.permission.name === 'release-orchestration.freeze.override' &&
                (options?.credentials.principal as any).userEntityRef !==
                  'user:default/rita'
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            })),
        },
      });
      const api = promotionApi(server);
      const hour = 3600_000;
      const freeze = await api.post(
        '/freezes',
        {
          environment: 'production',
          start: new Date(Date.now() - hour).toISOString(),
          end: new Date(Date.now() + 24 * hour).toISOString(),
          reason: 'Black Friday',
        },
        as('rita'),
      );
      expect(freeze.status).toBe(201);
      expect(freeze.body).toMatchObject({
        environment: 'production',
        systems: [],
        reason: 'Black Friday',
        createdBy: 'user:default/rita',
      });
      const bankOnly = await api.post('/freezes', {
        environment: 'staging',
        systems: ['system:default/bank'],
        start: new Date(Date.now() - hour).toISOString(),
        end: new Date(Date.now() + hour).toISOString(),
        reason: 'bank audit',
      });
      expect(bankOnly.status).toBe(201);
      expect(
        (await api.get('/freezes')).body.items.map((f: any) => f.reason),
      ).toEqual(['Black Friday', 'bank audit']);
      expect(
        (await api.get('/freezes?environment=staging')).body.items.map(
          (f: any) => f.reason,
        ),
      ).toEqual(['bank audit']);

      const r1 = await api.cutRelease('1.0.0');
      const r2 = await api.cutRelease('2.0.0');
      for (const r of [r1, r2]) {
        await api.attachPassing(r.id, 'unit-tests', 'security-scan');
        await api.promote(r.id, 'dev');
        await api.promote(r.id, 'staging'); // the staging freeze is for bank only
      }
      const check = await api.get(
        `/releases/${r1.id}/promotions/check?environment=production`,
        as('dev1'),
      );
      expect(check.body.outcome).toBe('blocked');
      expect(check.body.freezes.map((f: any) => f.id)).toEqual([
        freeze.body.id,
      ]);
      expect(check.body.unmetConditions.map((c: any) => c.code)).toEqual([
        'frozen',
      ]);

      const blocked = await api.request(r1.id, 'production');
      expect(blocked.status).toBe(201);
      expect(blocked.body.state).toBe('blocked');
      expect(blocked.body.blockedReason).toContain('(Black Friday)');
      expect(blocked.body.emergencyOverride).toBeUndefined();

      const override = {
        emergencyOverride: {
          justification: 'Payments are failing for every customer',
        },
      };
      const notAllowed = await api.request(
        r2.id,
        'production',
        'dev1',
        override,
      );
      expect(notAllowed.status).toBe(403);
      expect(notAllowed.body.error.message).toContain(
        'release-orchestration.freeze.override',
      );
      const tooShort = await api.request(r2.id, 'production', 'rita', {
        emergencyOverride: { justification: 'now' },
      });
      expect(tooShort.status).toBe(400);
      expect(tooShort.body.error.message).toContain(
        'emergencyOverride.justification: must explain the reason',
      );
      const overridden = await api.request(
        r2.id,
        'production',
        'rita',
        override,
      );
      expect(overridden.status).toBe(201);
      expect(overridden.body).toMatchObject({
        state: 'pending_approval',
        emergencyOverride: {
          justification: 'Payments are failing for every customer',
          by: 'user:default/rita',
          freezeIds: [freeze.body.id],
        },
      });
      const audit = await api.get('/audit?entity=system:default/shop&limit=1');
      expect(audit.body.items[0].summary).toContain(
        'EMERGENCY OVERRIDE of freeze (Black Friday): Payments are failing for every customer',
      );

      const del = await api.del(`/freezes/${freeze.body.id}`, as('rita'));
      expect(del.status).toBe(204);
      const released = await api.get(`/promotions/${blocked.body.id}`);
      expect(released.body.state).toBe('pending_approval');
      expect(released.body.blockedReason).toBeUndefined();
      expect(released.body.transitions.at(-1)).toMatchObject({
        from: 'blocked',
        to: 'pending_approval',
        actor: 'service:release-orchestration',
        reason: 'the freeze window ended',
      });
      const gone = await api.del(`/freezes/${freeze.body.id}`, as('rita'));
      expect(gone.status).toBe(404);
    });

    it('rolls back to the known-good release, or a named earlier one, under the relaxed rollback policy', async () => {
      const { server } = await start();
      const api = promotionApi(server);
      const releases = [];
      for (const version of ['1.0.0', '2.0.0', '3.0.0']) {
        const r = await api.cutRelease(version);
        await api.attachPassing(r.id, 'unit-tests', 'security-scan');
        await api.promote(r.id, 'dev');
        await api.promote(r.id, 'staging');
        releases.push(r);
      }
      const [r1, r2, r3] = releases;
      const none = await api.post(
        '/systems/default/shop/rollback',
        { environment: 'production' },
        as('dev1'),
      );
      expect(none.status).toBe(422);
      expect(none.body.unmetConditions).toEqual([
        {
          code: 'not-known-good',
          message:
            'no earlier release of system:default/shop succeeded in production; there is nothing known to be good to roll back to',
        },
      ]);
      await api.promote(r1.id, 'production', ['rita', 'ravi']);
      await api.promote(r2.id, 'production', ['rita', 'ravi']);

      const never = await api.post(
        '/systems/default/shop/rollback',
        { environment: 'production', toRelease: r3.id },
        as('dev1'),
      );
      expect(never.status).toBe(422);
      expect(never.body.unmetConditions[0].message).toContain(
        'release 3.0.0 never succeeded in production',
      );
      const current = await api.post(
        '/systems/default/shop/rollback',
        { environment: 'production', toRelease: r2.id },
        as('dev1'),
      );
      expect(current.status).toBe(422);
      expect(current.body.unmetConditions[0].message).toContain(
        'is what production was last deployed with',
      );

      const rollback = await api.post(
        '/systems/default/shop/rollback',
        { environment: 'production', justification: 'error rate up' },
        as('dev1'),
      );
      expect(rollback.status).toBe(201);
      expect(rollback.body).toMatchObject({
        releaseId: r1.id,
        rollback: true,
        state: 'pending_approval',
        justification: 'error rate up',
        policy: {
          minApprovals: 1,
          requiredEvidence: [],
          requirePreviousEnvironment: false,
        },
      });
      expect((await api.vote(rollback.body.id, 'sam')).body.state).toBe(
        'approved',
      );
      await api.deploy(rollback.body.id);

      // 2.0.0 was rolled back from: asking again goes further back is impossible, 1.0.0 runs now.
      const again = await api.post(
        '/systems/default/shop/rollback',
        { environment: 'production' },
        as('dev1'),
      );
      expect(again.status).toBe(422);
      const named = await api.post(
        '/systems/default/shop/rollback',
        { environment: 'production', toRelease: r2.id },
        as('dev1'),
      );
      expect(named.status).toBe(201);
      expect(named.body).toMatchObject({ releaseId: r2.id, rollback: true });

      const foreign = await api.cutRelease('9.9.9');
      const wrongSystem = await api.post(
        '/systems/default/bank/rollback',
        { environment: 'production', toRelease: foreign.id },
        as('dev1'),
      );
      expect(wrongSystem.status).toBe(400);
      expect(wrongSystem.body.error.message).toContain(
        'belongs to system:default/shop, not system:default/bank',
      );
    });

    it('applies the named policy a System selects by annotation, and refuses an unknown one', async () => {
      const regulated = await start({
        entities: promotionTestEntities({
          'release-orchestration.io/policy': 'regulated',
        }),
      });
      const api = promotionApi(regulated.server);
      const r1 = await api.cutRelease('1.0.0');
      await api.attachPassing(r1.id, 'unit-tests', 'security-scan');
      await api.promote(r1.id, 'dev');
      await api.promote(r1.id, 'staging');
      const check = await api.get(
        `/releases/${r1.id}/promotions/check?environment=production`,
        as('dev1'),
      );
      expect(check.body).toMatchObject({
        policyName: 'regulated',
        policy: {
          minApprovals: 3,
          requiredEvidence: ['unit-tests', 'security-scan', 'change-ticket'],
        },
        outcome: 'refused',
        unmetConditions: [
          {
            code: 'evidence-missing',
            message: expect.stringContaining('No change-ticket evidence'),
          },
        ],
      });
      await api.attachPassing(r1.id, 'change-ticket');
      const prod = await api.request(r1.id, 'production');
      expect(prod.body).toMatchObject({
        policyName: 'regulated',
        policy: { minApprovals: 3 },
      });
      await api.vote(prod.body.id, 'rita');
      expect((await api.vote(prod.body.id, 'ravi')).body.state).toBe(
        'pending_approval',
      );
      expect((await api.vote(prod.body.id, 'sam')).body.state).toBe('approved');

      const unknown = await start({
        entities: promotionTestEntities({
          'release-orchestration.io/policy': 'nope',
        }),
      });
      const api2 = promotionApi(unknown.server);
      const r = await api2.cutRelease('1.0.0');
      const res = await api2.request(r.id, 'dev');
      expect(res.status).toBe(422);
      expect(res.body.unmetConditions).toEqual([
        {
          code: 'unknown-policy',
          message: expect.stringContaining(
            "system:default/shop selects the policy 'nope'",
          ),
        },
      ]);
    });

    it('answers bad input with 4xx messages that name the problem', async () => {
      const { server } = await start();
      const api = promotionApi(server);
      const r1 = await api.cutRelease('1.0.0');
      const missing = '3f1e4a2b-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
      const cases: Array<[string, string, object | undefined, number, string]> =
        [
          [
            'post',
            `/releases/${r1.id}/evidence`,
            {
              type: 'unit-tests',
              status: 'ok',
              url: 'https://x',
              summary: 's',
            },
            400,
            "status: must be 'pass', 'fail' or 'warn'",
          ],
          [
            'post',
            `/releases/${r1.id}/evidence`,
            {
              type: 'unit-tests',
              status: 'pass',
              url: 'ftp://x',
              summary: 's',
            },
            400,
            'url: must be an http(s) URL',
          ],
          [
            'post',
            `/releases/${r1.id}/evidence`,
            {
              type: 'Unit Tests',
              status: 'pass',
              url: 'https://x',
              summary: 's',
            },
            400,
            'type: must be an evidence type',
          ],
          [
            'post',
            `/releases/${r1.id}/evidence`,
            {
              type: 'unit-tests',
              status: 'pass',
              url: 'https://x',
              summary: 's',
              environment: 'qa',
            },
            400,
            "environment: 'qa' is not a configured environment; the lanes are dev, staging, production",
          ],
          [
            'post',
            `/releases/${missing}/evidence`,
            {
              type: 'unit-tests',
              status: 'pass',
              url: 'https://x',
              summary: 's',
            },
            404,
            'No release with id',
          ],
          [
            'post',
            `/releases/${r1.id}/promotions`,
            {},
            400,
            'environment: Required',
          ],
          [
            'post',
            `/releases/${r1.id}/promotions`,
            { environment: 'qa' },
            400,
            "environment: 'qa' is not a configured environment",
          ],
          [
            'post',
            `/releases/${r1.id}/promotions`,
            { environment: 'dev', extra: true },
            400,
            "Unrecognized key(s) in object: 'extra'",
          ],
          [
            'post',
            `/releases/${missing}/promotions`,
            { environment: 'dev' },
            404,
            'No release with id',
          ],
          [
            'get',
            `/releases/${r1.id}/promotions/check`,
            undefined,
            400,
            'environment: Required',
          ],
          [
            'get',
            '/promotions?state=done',
            undefined,
            400,
            'state: must be one of',
          ],
          [
            'get',
            '/promotions?approver=you',
            undefined,
            400,
            "approver: must be 'me'",
          ],
          [
            'get',
            '/promotions?approver=me&state=approved',
            undefined,
            400,
            'state: approver=me lists promotions waiting for approval',
          ],
          [
            'get',
            '/promotions/count?approver=me&state=approved',
            undefined,
            400,
            'state: approver=me lists promotions waiting for approval',
          ],
          [
            'get',
            '/promotions/count?state=nope',
            undefined,
            400,
            'state: must be one of',
          ],
          [
            'get',
            '/promotions?cursor=nope',
            undefined,
            400,
            'cursor: is not a cursor this API returned',
          ],
          [
            'get',
            `/promotions/${missing}`,
            undefined,
            404,
            'No promotion with id',
          ],
          [
            'get',
            '/promotions/xyz',
            undefined,
            400,
            'id: must be a promotion id',
          ],
          [
            'post',
            `/promotions/${missing}/approvals`,
            { decision: 'approve' },
            404,
            'No promotion with id',
          ],
          [
            'post',
            `/promotions/${missing}/approvals`,
            { decision: 'maybe' },
            400,
            "decision: must be 'approve' or 'reject'",
          ],
          [
            'post',
            `/promotions/${missing}/cancel`,
            {},
            404,
            'No promotion with id',
          ],
          [
            'post',
            `/promotions/${missing}/transitions`,
            { to: 'approved' },
            400,
            "to: must be 'deploying', 'succeeded' or 'failed'",
          ],
          [
            'post',
            `/promotions/${missing}/transitions`,
            { to: 'deploying' },
            404,
            'No promotion with id',
          ],
          [
            'post',
            '/freezes',
            {
              environment: 'production',
              start: '2030-01-02T00:00:00Z',
              end: '2030-01-01T00:00:00Z',
              reason: 'x',
            },
            400,
            'end: must be after start',
          ],
          [
            'post',
            '/freezes',
            {
              environment: 'production',
              start: '2020-01-01T00:00:00Z',
              end: '2020-01-02T00:00:00Z',
              reason: 'x',
            },
            400,
            'end: 2020-01-02T00:00:00.000Z is in the past',
          ],
          [
            'post',
            '/freezes',
            {
              environment: 'qa',
              start: '2030-01-01T00:00:00Z',
              end: '2030-01-02T00:00:00Z',
              reason: 'x',
            },
            400,
            "environment: 'qa' is not a configured environment",
          ],
          [
            'post',
            '/freezes',
            {
              environment: 'production',
              start: 'soon',
              end: '2030-01-02T00:00:00Z',
              reason: 'x',
            },
            400,
            'start: must be an ISO 8601 date-time',
          ],
          [
            'post',
            '/freezes',
            {
              environment: 'production',
              systems: ['shop'],
              start: '2030-01-01T00:00:00Z',
              end: '2030-01-02T00:00:00Z',
              reason: 'x',
            },
            400,
            'systems.0: must be a full system entity ref',
          ],
          [
            'get',
            '/freezes?includePast=yes',
            undefined,
            400,
            "includePast: must be 'true' or 'false'",
          ],
          [
            'post',
            '/systems/default/shop/rollback',
            { environment: 'production', toRelease: 'x' },
            400,
            'toRelease: must be a release id',
          ],
          [
            'post',
            '/systems/default/shop/rollback',
            { environment: 'production', toRelease: missing },
            404,
            'toRelease: no release with id',
          ],
        ];
      for (const [method, path, body, status, message] of cases) {
        const res =
          method === 'post'
            ? await api.post(path, body!, as('rita'))
            : await api.get(path, as('rita'));
        expect({
          path,
          status: res.status,
          message: res.body?.error?.message,
        }).toEqual({
          path,
          status,
          message: expect.stringContaining(message),
        });
      }
    });

    it('checks the promotion permissions on every route and writes nothing when denied', async () => {
      const denied = new Set([
        'release-orchestration.promotion.create',
        'release-orchestration.promotion.approve',
        'release-orchestration.freeze.manage',
        'release-orchestration.freeze.manage-all',
        'release-orchestration.freeze.override',
        'release-orchestration.evidence.create',
      ]);
      const { server } = await start({
        permissions: {
          authorize: async requests =>
            requests.map(r => ({
              result: denied.has(r.permission.name)
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
            })),
        },
      });
      const api = promotionApi(server);
      const r1 = await api.cutRelease('1.0.0');
      const missing = '3f1e4a2b-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
      const onShop = ' was denied on system:default/shop';
      const cases: Array<[string, object, string]> = [
        [
          `/releases/${r1.id}/evidence`,
          {
            type: 'unit-tests',
            status: 'pass',
            url: 'https://x',
            summary: 's',
          },
          `evidence.create${onShop}`,
        ],
        [
          `/releases/${r1.id}/promotions`,
          { environment: 'dev' },
          `promotion.create${onShop}`,
        ],
        [
          '/freezes',
          {
            environment: 'dev',
            start: '2030-01-01T00:00:00Z',
            end: '2030-01-02T00:00:00Z',
            reason: 'x',
          },
          'freeze.manage-all was denied',
        ],
        [
          '/freezes',
          {
            environment: 'dev',
            systems: ['system:default/shop'],
            start: '2030-01-01T00:00:00Z',
            end: '2030-01-02T00:00:00Z',
            reason: 'x',
          },
          `freeze.manage${onShop}`,
        ],
        [
          '/systems/default/shop/rollback',
          { environment: 'dev' },
          `promotion.create${onShop}`,
        ],
      ];
      for (const [path, body, permission] of cases) {
        const res = await api.post(path, body, as('rita'));
        expect({
          path,
          status: res.status,
          message: res.body.error?.message,
        }).toEqual({
          path,
          status: 403,
          message: `You are not allowed to do this: release-orchestration.${permission}`,
        });
      }
      // What the caller would need depends on what the id names: an unknown one is a 404.
      expect(
        (
          await api.post(
            `/promotions/${missing}/approvals`,
            { decision: 'approve' },
            as('rita'),
          )
        ).status,
      ).toBe(404);
      expect(
        (
          await api.post(
            `/promotions/${missing}/transitions`,
            { to: 'deploying' },
            as('rita'),
          )
        ).status,
      ).toBe(404);
      const del = await api.del(`/freezes/${missing}`, as('rita'));
      expect(del.status).toBe(404);
      expect((await api.get('/promotions')).body.items).toEqual([]);
      expect((await api.get('/freezes')).body.items).toEqual([]);
      expect((await api.get(`/releases/${r1.id}`)).body).toMatchObject({
        evidence: [],
        promotions: [],
      });
      const audit = await api.get('/audit?entity=system:default/shop');
      expect(audit.body.items.map((e: any) => e.action)).toEqual([
        'release.created',
      ]);
    });
  });
});
