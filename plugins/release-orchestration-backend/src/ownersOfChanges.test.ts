import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { buildInput, testEntities } from './__testUtils__/fixtures';
import {
  groupEntity,
  orgEntities,
  userEntity,
} from './__testUtils__/orgFixtures';
import { as, base, promotionApi } from './__testUtils__/promotionHarness';
import { responseContractErrors } from './__testUtils__/openapiContract';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { createTestDatabases } from './__testUtils__/testStores';

jest.setTimeout(120_000);

/**
 * shop's api is owned by api-team (ann, amir, amy), web and worker by team-a (tom). Ann is found
 * by her e-mail, gus (a release manager) by his GitHub login annotation.
 */
function entities(): Entity[] {
  const withProfile = (
    user: Entity,
    profile: Record<string, string>,
    annotations: Record<string, string> = {},
  ): Entity => ({
    ...user,
    metadata: { ...user.metadata, annotations },
    spec: { ...user.spec, profile },
  });
  return [
    ...testEntities.map(e =>
      e.kind === 'Component' && e.metadata.name === 'api'
        ? { ...e, spec: { ...e.spec, owner: 'api-team' } }
        : e,
    ),
    ...orgEntities.map(e =>
      e.kind === 'Group' && e.metadata.name === 'release-managers'
        ? groupEntity('release-managers', ['rita', 'ravi', 'gus'], ['sre'])
        : e,
    ),
    groupEntity('api-team', ['ann', 'amir', 'amy']),
    groupEntity('team-a', ['tom']),
    withProfile(userEntity('ann', ['api-team']), {
      email: 'Ann@Shop.example',
    }),
    userEntity('amir', ['api-team']),
    withProfile(userEntity('amy', ['api-team']), {
      email: 'amy@shop.example',
    }),
    userEntity('tom', ['team-a']),
    withProfile(
      userEntity('gus', ['release-managers']),
      {},
      { 'github.com/user-login': 'gus-h' },
    ),
  ];
}

const staging = {
  name: 'staging',
  approvers: ['group:default/release-managers'],
  minApprovals: 1,
  separationOfDuties: true,
};

function config(mode: 'also' | 'instead') {
  return {
    releaseOrchestration: {
      environments: [
        { name: 'dev' },
        {
          ...staging,
          ownersOfChangesApprove: mode,
          commitAuthorsCannotApprove: true,
        },
      ],
    },
  };
}

describe('owners of what changed approve', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function start(mode: 'also' | 'instead') {
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        config: config(mode),
        entities: entities(),
      });
      const api = promotionApi(server);
      /** Cuts `version` with api at `apiVersion`, its build carrying `authors`' commits. */
      const cut = async (
        version: string,
        apiVersion: string,
        authors: string[] = [],
      ) => {
        const build = buildInput('api', apiVersion, {
          commits: authors.map((author, i) => ({
            sha: `${Buffer.from(`${apiVersion}-${i}`)
              .toString('hex')
              .padEnd(40, 'a')
              .slice(0, 40)}`,
            time: '2026-11-02T10:00:00.000Z',
            message: `change ${i} of ${apiVersion}`,
            author,
          })),
        });
        expect((await api.post('/builds', build)).status).toBe(201);
        for (const [component, v] of [
          ['web', '2.0.0'],
          ['worker', '0.9.0'],
        ]) {
          await api.post('/builds', buildInput(component, v));
        }
        const res = await request(server)
          .post(`${base}/releases`)
          .send({ system: 'system:default/shop', version });
        expect(res.status).toBe(201);
        return res.body as { id: string; version: string };
      };
      return { api, cut };
    }

    it('needs one approval per owning group besides the approvers, and commit authors cannot approve', async () => {
      const { api, cut } = await start('also');
      // First into staging: every component is new there, so both owning groups approve.
      const first = await cut('1.0.0', '1.0.0');
      await api.promote(first.id, 'dev');
      const firstCheck = await api.get(
        `/releases/${first.id}/promotions/check?environment=staging`,
      );
      expect(firstCheck.body.outcome).toBe('pending_approval');
      expect(
        firstCheck.body.changeApprovals.ownerGroups.map((g: any) => [
          g.group,
          g.components,
        ]),
      ).toEqual([
        ['group:default/api-team', ['component:default/api']],
        [
          'group:default/team-a',
          ['component:default/web', 'component:default/worker'],
        ],
      ]);
      await api.promote(first.id, 'staging', ['rita', 'amir', 'tom']);

      // 1.1.0 changes only api; Ann and gus authored its commits.
      const second = await cut('1.1.0', '1.1.0', [
        'Ann A <ann@shop.example>',
        'gus-h',
        'Someone Else',
      ]);
      await api.promote(second.id, 'dev');
      const check = await api.get(
        `/releases/${second.id}/promotions/check?environment=staging`,
      );
      expect(check.body).toMatchObject({
        outcome: 'pending_approval',
        policy: {
          ownersOfChangesApprove: 'also',
          commitAuthorsCannotApprove: true,
        },
        changeApprovals: {
          against: { id: first.id, version: '1.0.0' },
          ownerGroups: [
            {
              group: 'group:default/api-team',
              components: ['component:default/api'],
            },
          ],
          unownedComponents: [],
          commitAuthors: ['user:default/ann', 'user:default/gus'],
        },
      });
      expect(
        responseContractErrors(
          'get',
          '/releases/{id}/promotions/check',
          check.status,
          check.body,
        ),
      ).toBeUndefined();
      // Who can approve: the approvers but gus (he authored a commit), and api-team but ann.
      expect(check.body.eligibleApprovers).toEqual([
        'user:default/amir',
        'user:default/amy',
        'user:default/ravi',
        'user:default/rita',
        'user:default/sam',
      ]);

      const requested = await api.request(second.id, 'staging');
      expect(requested.status).toBe(201);
      const id = requested.body.id;
      expect(requested.body.changeApprovals.ownerGroups).toEqual([
        {
          group: 'group:default/api-team',
          components: ['component:default/api'],
        },
      ]);

      const annQueue = await api.get(
        '/promotions?state=pending_approval',
        as('ann'),
      );
      const annItem = annQueue.body.items.find(
        (i: any) => i.promotion.id === id,
      );
      expect(annItem).toMatchObject({
        canVote: false,
        cannotVoteReason: expect.stringMatching(
          /^You authored a commit in this release/,
        ),
      });
      const gus = await api.vote(id, 'gus');
      expect(gus.status).toBe(403);
      expect(gus.body.error.message).toMatch(
        /^You authored a commit that release 1\.1\.0 brings into staging; commit authors cannot approve/,
      );
      // A member of the owning group finds it in the approval queue.
      const amirQueue = await api.get('/promotions?approver=me', as('amir'));
      expect(amirQueue.body.items.map((i: any) => i.promotion.id)).toEqual([
        id,
      ]);
      expect(
        (await api.get('/promotions?approver=me', as('ann'))).body.items,
      ).toEqual([
        expect.objectContaining({
          canVote: false,
          cannotVoteReason: expect.stringMatching(/authored a commit/),
        }),
      ]);

      // Two api-team members at once: one counts for the group, the other is told why not
      // (refused before or inside the vote's transaction, whichever sees the other vote first).
      const [amir, amy] = await Promise.all([
        api.vote(id, 'amir'),
        api.vote(id, 'amy'),
      ]);
      const winner = amir.status === 201 ? 'amir' : 'amy';
      const [won, lost] = winner === 'amir' ? [amir, amy] : [amy, amir];
      expect(won.status).toBe(201);
      expect([403, 409]).toContain(lost.status);
      expect(lost.body.error.message).toBe(
        `api-team already approved (user:default/${winner}); one approval per owning group, and you are in no approver group of this lane`,
      );
      // The owning group's approval alone is not enough: the approvers' is still needed.
      expect(won.body.state).toBe('pending_approval');
      const rita = await api.vote(id, 'rita');
      expect(rita.status).toBe(201);
      expect(rita.body.state).toBe('approved');
      expect(rita.body.changeApprovals.ownerGroups).toEqual([
        {
          group: 'group:default/api-team',
          components: ['component:default/api'],
          approvedBy: `user:default/${winner}`,
          approvedAt: expect.any(String),
        },
      ]);
      expect(rita.body.approvals).toHaveLength(2);
      expect(
        responseContractErrors(
          'post',
          '/promotions/{id}/approvals',
          rita.status,
          rita.body,
        ),
      ).toBeUndefined();
      expect(rita.body.transitions.at(-1)).toMatchObject({
        to: 'approved',
        reason: '1 of 1 approvals; every owning group approved (api-team)',
      });

      const audit = await api.get(`/audit?limit=20`);
      const actions = audit.body.items
        .filter((e: any) => e.subjectId === id)
        .map((e: any) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'approval.owner-group-approved',
          'promotion.approved',
        ]),
      );
      const ownerEvent = audit.body.items.find(
        (e: any) =>
          e.subjectId === id && e.action === 'approval.owner-group-approved',
      );
      expect(ownerEvent).toMatchObject({
        actor: `user:default/${winner}`,
        summary: expect.stringMatching(
          new RegExp(
            `: approved for api-team \\(api\\) by user:default/${winner} as owner of what changed$`,
          ),
        ),
      });
      const requestedEvent = audit.body.items.find(
        (e: any) => e.subjectId === id && e.action === 'promotion.requested',
      );
      expect(requestedEvent.summary).toContain(
        'owning groups to approve: api-team (api); commit authors who cannot approve: user:default/ann, user:default/gus',
      );
    });

    it('lets owning groups approve instead of the approvers, and says when a group has nobody who may', async () => {
      const { api, cut } = await start('instead');
      const first = await cut('1.0.0', '1.0.0');
      await api.promote(first.id, 'dev');
      await api.promote(first.id, 'staging', ['amir', 'tom']);

      // 2.0.0's api commits are Ann's; amir alone approves for api-team, rita does not count.
      const second = await cut('2.0.0', '2.0.0', ['ann@shop.example']);
      await api.promote(second.id, 'dev');
      const requested = await api.request(second.id, 'staging');
      expect(requested.status).toBe(201);
      const rita = await api.vote(requested.body.id, 'rita');
      expect(rita.status).toBe(403);
      expect(rita.body.error.message).toBe(
        'The owners of what changed approve this promotion instead of the approver groups: api-team (api), and you are a member of none of them',
      );
      const amir = await api.vote(requested.body.id, 'amir');
      expect(amir.status).toBe(201);
      expect(amir.body).toMatchObject({ state: 'approved', approvalCount: 0 });
      await api.deploy(requested.body.id);

      // 3.0.0: Ann and Amy authored its commits and amir asks for it, so nobody may approve
      // for api-team: the gate check says so, and a request is refused.
      const third = await cut('3.0.0', '3.0.0', [
        'ann@shop.example',
        'Amy <amy@shop.example>',
      ]);
      await api.promote(third.id, 'dev');
      const check = await api.get(
        `/releases/${third.id}/promotions/check?environment=staging`,
        as('amir'),
      );
      expect(check.body.changeApprovals.commitAuthors).toEqual([
        'user:default/amy',
        'user:default/ann',
      ]);
      expect(check.body.outcome).toBe('refused');
      expect(
        responseContractErrors(
          'get',
          '/releases/{id}/promotions/check',
          check.status,
          check.body,
        ),
      ).toBeUndefined();
      expect(check.body.unmetConditions).toEqual([
        {
          code: 'owner-group-cannot-approve',
          message:
            "api-team owns component:default/api, which release 3.0.0 changes in staging, and must approve, but none of its members can (not counting the requester, the release author, authors of the commits it brings in); add members to group:default/api-team or change the component's owner",
        },
      ]);
      const refused = await api.request(third.id, 'staging', 'amir');
      expect(refused.status).toBe(422);
      // Asked for by someone else, amir may approve it.
      const requested3 = await api.request(third.id, 'staging', 'dev1');
      expect(requested3.status).toBe(201);
      expect((await api.vote(requested3.body.id, 'amir')).body.state).toBe(
        'approved',
      );
    });
  });
});
