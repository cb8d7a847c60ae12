import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { AccessGrant } from './AccessGrant';
import { GrantCheckingPermissionsService } from './GrantCheckingPermissionsService';

const perm = (name: string) => createPermission({ name, attributes: {} });
const reportBuild = perm('release-orchestration.build.report');
const approve = perm('release-orchestration.promotion.approve');
const approveThis = createPermission({
  name: 'release-orchestration.promotion.approve',
  attributes: {},
  resourceType: 'release-orchestration-promotion',
});
const catalogRead = perm('catalog.entity.read');

const grants: AccessGrant[] = [
  {
    permissions: ['release-orchestration.build.report'],
    members: ['service'],
  },
  { permissions: ['release-orchestration.*'], members: ['user'] },
];

function serviceWith(
  innerResult: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  const inner = mockServices.permissions.mock({
    authorize: async requests => requests.map(() => ({ result: innerResult })),
    authorizeConditional: async requests =>
      requests.map(() => ({ result: innerResult })),
  });
  return new GrantCheckingPermissionsService(
    inner,
    mockServices.auth(),
    grants,
  );
}

describe('GrantCheckingPermissionsService', () => {
  const ci = { credentials: mockCredentials.service('external:ci-pipeline') };

  it('holds a service principal to the service grants', async () => {
    const permissions = serviceWith(AuthorizeResult.ALLOW);
    await expect(
      permissions.authorize(
        [
          { permission: reportBuild },
          { permission: approve },
          { permission: catalogRead },
        ],
        ci,
      ),
    ).resolves.toEqual([
      { result: AuthorizeResult.ALLOW },
      { result: AuthorizeResult.DENY },
      { result: AuthorizeResult.ALLOW },
    ]);
  });

  it('applies the same rule to conditional queries', async () => {
    const permissions = serviceWith(AuthorizeResult.ALLOW);
    await expect(
      permissions.authorizeConditional([{ permission: approveThis }], ci),
    ).resolves.toEqual([{ result: AuthorizeResult.DENY }]);
  });

  it('never turns a denial from access restrictions into an allow', async () => {
    const permissions = serviceWith(AuthorizeResult.DENY);
    await expect(
      permissions.authorize([{ permission: reportBuild }], ci),
    ).resolves.toEqual([{ result: AuthorizeResult.DENY }]);
  });

  it('leaves user requests to the policy', async () => {
    const permissions = serviceWith(AuthorizeResult.ALLOW);
    await expect(
      permissions.authorize([{ permission: approve }], {
        credentials: mockCredentials.user('user:default/alice'),
      }),
    ).resolves.toEqual([{ result: AuthorizeResult.ALLOW }]);
  });
});
