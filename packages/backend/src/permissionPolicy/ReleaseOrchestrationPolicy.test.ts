import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { ReleaseOrchestrationPolicy } from './ReleaseOrchestrationPolicy';

const SYSTEM = 'release-orchestration-system';
/** A permission on the plugin's System resource, as the common package defines them. */
const onSystem = (name: string) =>
  createPermission({ name, attributes: {}, resourceType: SYSTEM });
const basic = (name: string) => createPermission({ name, attributes: {} });

const read = onSystem('release-orchestration.release.read');
const createRelease = onSystem('release-orchestration.release.create');
const promote = onSystem('release-orchestration.promotion.create');
const reportBuild = onSystem('release-orchestration.build.report');
const approve = onSystem('release-orchestration.promotion.approve');
const manageFreeze = onSystem('release-orchestration.freeze.manage');
const manageAllFreezes = basic('release-orchestration.freeze.manage-all');
const catalogRead = basic('catalog.entity.read');

/** The grants the demo portal's app-config.yaml declares. */
const demoGrants = [
  {
    permissions: ['release-orchestration.*'],
    members: ['group:default/release-managers'],
  },
  {
    permissions: [
      'release-orchestration.release.read',
      'release-orchestration.promotion.approve',
    ],
    members: ['user'],
  },
  {
    permissions: [
      'release-orchestration.release.create',
      'release-orchestration.evidence.create',
      'release-orchestration.promotion.create',
    ],
    members: ['user'],
    scope: 'owner',
  },
];

const demoOwnership: Record<string, string[]> = {
  'user:default/erin': ['user:default/erin', 'group:default/release-managers'],
  'user:default/alice': ['user:default/alice', 'group:default/payments-team'],
};

function policyWith(grants: JsonValue | undefined) {
  const config = new ConfigReader(
    grants === undefined ? {} : { releaseOrchestrationAccess: { grants } },
  );
  const userInfo = mockServices.userInfo.mock({
    async getUserInfo(credentials) {
      const { userEntityRef } = credentials.principal as {
        userEntityRef: string;
      };
      return {
        userEntityRef,
        ownershipEntityRefs: demoOwnership[userEntityRef] ?? [userEntityRef],
      };
    },
  });
  return ReleaseOrchestrationPolicy.fromConfig(config, { userInfo });
}

function asUser(userEntityRef: string) {
  return {
    credentials: mockCredentials.user(userEntityRef),
    info: { userEntityRef, ownershipEntityRefs: [userEntityRef] },
  };
}

const erin = asUser('user:default/erin');
const alice = asUser('user:default/alice');

/** The conditional decision "only on Systems these claims own". */
const ownedBy = (claims: string[]) => ({
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'release-orchestration',
  resourceType: SYSTEM,
  conditions: {
    rule: 'IS_SYSTEM_OWNER',
    resourceType: SYSTEM,
    params: { claims },
  },
});

describe('ReleaseOrchestrationPolicy', () => {
  describe('with the demo grants', () => {
    const policy = policyWith(demoGrants);

    it('lets any signed-in user read every System and vote', async () => {
      for (const permission of [read, approve]) {
        await expect(policy.handle({ permission }, alice)).resolves.toEqual({
          result: AuthorizeResult.ALLOW,
        });
      }
    });

    it("lets a developer cut releases and promote only their team's Systems", async () => {
      for (const permission of [createRelease, promote]) {
        await expect(
          policy.handle({ permission }, alice),
        ).resolves.toMatchObject(
          ownedBy(['user:default/alice', 'group:default/payments-team']),
        );
      }
    });

    it('denies developers freezes and reports', async () => {
      for (const permission of [manageFreeze, manageAllFreezes, reportBuild]) {
        await expect(policy.handle({ permission }, alice)).resolves.toEqual({
          result: AuthorizeResult.DENY,
        });
      }
    });

    it('gives release-managers every plugin permission on every System', async () => {
      for (const permission of [
        approve,
        manageFreeze,
        manageAllFreezes,
        promote,
        read,
      ]) {
        await expect(policy.handle({ permission }, erin)).resolves.toEqual({
          result: AuthorizeResult.ALLOW,
        });
      }
    });

    it('denies anonymous callers every plugin permission', async () => {
      for (const permission of [read, reportBuild, createRelease]) {
        await expect(policy.handle({ permission })).resolves.toEqual({
          result: AuthorizeResult.DENY,
        });
      }
    });

    it('denies a plugin permission no grant mentions', async () => {
      await expect(
        policy.handle(
          { permission: basic('release-orchestration.unknown.thing') },
          alice,
        ),
      ).resolves.toEqual({ result: AuthorizeResult.DENY });
    });

    it("leaves other plugins' permissions allowed", async () => {
      await expect(
        policy.handle({ permission: catalogRead }, alice),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    });
  });

  it('denies an owner-scoped grant of a permission that is not about one System', async () => {
    const policy = policyWith([
      {
        permissions: ['release-orchestration.freeze.*'],
        members: ['user'],
        scope: 'owner',
      },
    ]);
    await expect(
      policy.handle({ permission: manageAllFreezes }, alice),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(
      policy.handle({ permission: manageFreeze }, alice),
    ).resolves.toMatchObject({ result: AuthorizeResult.CONDITIONAL });
  });

  it('matches a single user and ignores case in refs', async () => {
    const policy = policyWith([
      {
        permissions: ['release-orchestration.freeze.manage'],
        members: ['User:Default/Alice'],
      },
    ]);
    await expect(
      policy.handle({ permission: manageFreeze }, alice),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy.handle({ permission: manageFreeze }, erin),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('matches a prefix wildcard only on whole name segments', async () => {
    const policy = policyWith([
      {
        permissions: ['release-orchestration.promotion.*'],
        members: ['user'],
      },
    ]);
    await expect(
      policy.handle({ permission: promote }, alice),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy.handle(
        { permission: onSystem('release-orchestration.promotions.create') },
        alice,
      ),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(policy.handle({ permission: read }, alice)).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('lets users read everything and cut releases and promote their own Systems by default', async () => {
    const policy = policyWith(undefined);
    await expect(policy.handle({ permission: read }, alice)).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
    for (const permission of [createRelease, promote]) {
      await expect(policy.handle({ permission }, alice)).resolves.toMatchObject(
        { result: AuthorizeResult.CONDITIONAL },
      );
    }
    for (const permission of [reportBuild, approve, manageFreeze]) {
      await expect(policy.handle({ permission }, alice)).resolves.toEqual({
        result: AuthorizeResult.DENY,
      });
    }
  });

  it('denies every plugin permission when grants is an empty list', async () => {
    const policy = policyWith([]);
    await expect(policy.handle({ permission: read }, alice)).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
  });
});
