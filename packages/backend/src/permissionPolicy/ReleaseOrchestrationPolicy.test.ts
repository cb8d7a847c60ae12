import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { ReleaseOrchestrationPolicy } from './ReleaseOrchestrationPolicy';

const perm = (name: string) => createPermission({ name, attributes: {} });

const read = perm('release-orchestration.release.read');
const createRelease = perm('release-orchestration.release.create');
const reportBuild = perm('release-orchestration.build.report');
const approve = perm('release-orchestration.promotion.approve');
const manageFreeze = perm('release-orchestration.freeze.manage');
const catalogRead = perm('catalog.entity.read');

/** The grants the demo portal's app-config.yaml declares. */
const demoGrants = [
  {
    permissions: ['release-orchestration.*'],
    members: ['group:default/release-managers'],
  },
  {
    permissions: [
      'release-orchestration.release.read',
      'release-orchestration.release.create',
    ],
    members: ['user'],
  },
  {
    permissions: [
      'release-orchestration.release.read',
      'release-orchestration.build.report',
      'release-orchestration.release.create',
    ],
    members: ['service'],
  },
];

function policyWith(
  grants: JsonValue | undefined,
  ownership: Record<string, string[]> = {},
) {
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
        ownershipEntityRefs: ownership[userEntityRef] ?? [userEntityRef],
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
const demoOwnership = {
  'user:default/erin': ['user:default/erin', 'group:default/release-managers'],
  'user:default/alice': ['user:default/alice', 'group:default/payments-team'],
};

describe('ReleaseOrchestrationPolicy', () => {
  describe('with the demo grants', () => {
    const policy = policyWith(demoGrants, demoOwnership);

    it('lets any signed-in user read and cut releases', async () => {
      for (const permission of [read, createRelease]) {
        await expect(policy.handle({ permission }, alice)).resolves.toEqual({
          result: AuthorizeResult.ALLOW,
        });
      }
    });

    it('denies users outside release-managers what only that group holds', async () => {
      for (const permission of [approve, manageFreeze, reportBuild]) {
        await expect(policy.handle({ permission }, alice)).resolves.toEqual({
          result: AuthorizeResult.DENY,
        });
      }
    });

    it('gives release-managers members every plugin permission through the wildcard', async () => {
      for (const permission of [approve, manageFreeze, reportBuild, read]) {
        await expect(policy.handle({ permission }, erin)).resolves.toEqual({
          result: AuthorizeResult.ALLOW,
        });
      }
    });

    it('denies anonymous callers every plugin permission, whatever the service grants say', async () => {
      for (const permission of [read, reportBuild, createRelease]) {
        await expect(policy.handle({ permission })).resolves.toEqual({
          result: AuthorizeResult.DENY,
        });
      }
    });

    it('denies a plugin permission no grant mentions', async () => {
      await expect(
        policy.handle(
          { permission: perm('release-orchestration.unknown.thing') },
          alice,
        ),
      ).resolves.toEqual({ result: AuthorizeResult.DENY });
    });

    it("leaves other plugins' permissions allowed", async () => {
      await expect(
        policy.handle({ permission: catalogRead }, alice),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
      await expect(policy.handle({ permission: catalogRead })).resolves.toEqual(
        { result: AuthorizeResult.ALLOW },
      );
    });
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
      policy.handle(
        { permission: perm('release-orchestration.promotion.create') },
        alice,
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy.handle(
        { permission: perm('release-orchestration.promotions.create') },
        alice,
      ),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(policy.handle({ permission: read }, alice)).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('does not let a service grant cover users', async () => {
    const policy = policyWith([
      {
        permissions: ['release-orchestration.build.report'],
        members: ['service'],
      },
    ]);
    await expect(
      policy.handle({ permission: reportBuild }, alice),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('lets users read and cut releases, and nothing more, by default', async () => {
    const policy = policyWith(undefined);
    const cases: Array<[typeof read, AuthorizeResult]> = [
      [read, AuthorizeResult.ALLOW],
      [createRelease, AuthorizeResult.ALLOW],
      [reportBuild, AuthorizeResult.DENY],
      [approve, AuthorizeResult.DENY],
    ];
    for (const [permission, result] of cases) {
      await expect(policy.handle({ permission }, alice)).resolves.toEqual({
        result,
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
