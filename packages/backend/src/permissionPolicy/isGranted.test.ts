import {
  grantScope,
  isGranted,
  isReleaseOrchestrationPermission,
} from './isGranted';

describe('isReleaseOrchestrationPermission', () => {
  it('recognises the plugin prefix only', () => {
    expect(
      isReleaseOrchestrationPermission('release-orchestration.release.read'),
    ).toBe(true);
    expect(
      isReleaseOrchestrationPermission('release-orchestrationx.read'),
    ).toBe(false);
    expect(isReleaseOrchestrationPermission('catalog.entity.read')).toBe(false);
  });
});

describe('isGranted', () => {
  const grants = [
    {
      permissions: ['*'],
      members: ['user:default/root'],
      scope: 'all' as const,
    },
    {
      permissions: ['release-orchestration.release.read'],
      members: ['user'],
      scope: 'all' as const,
    },
    {
      permissions: ['release-orchestration.promotion.create'],
      members: ['user'],
      scope: 'owner' as const,
    },
  ];

  it('treats a bare * as every permission', () => {
    expect(
      isGranted(
        grants,
        'release-orchestration.freeze.override',
        new Set(['user:default/root']),
      ),
    ).toBe(true);
  });

  it('says whether a grant covers every System or only owned ones, and all wins', () => {
    const user = new Set(['user']);
    expect(
      grantScope(grants, 'release-orchestration.promotion.create', user),
    ).toBe('owner');
    expect(grantScope(grants, 'release-orchestration.release.read', user)).toBe(
      'all',
    );
    expect(
      grantScope(
        grants,
        'release-orchestration.promotion.create',
        new Set(['user', 'user:default/root']),
      ),
    ).toBe('all');
    expect(
      grantScope(grants, 'release-orchestration.freeze.manage', user),
    ).toBeUndefined();
  });

  it('needs the permission and the member in the same grant', () => {
    expect(
      isGranted(
        grants,
        'release-orchestration.freeze.override',
        new Set(['user']),
      ),
    ).toBe(false);
    expect(
      isGranted(
        grants,
        'release-orchestration.release.read',
        new Set(['user']),
      ),
    ).toBe(true);
  });
});
