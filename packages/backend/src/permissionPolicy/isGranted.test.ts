import { isGranted, isReleaseOrchestrationPermission } from './isGranted';

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
    { permissions: ['*'], members: ['user:default/root'] },
    { permissions: ['release-orchestration.release.read'], members: ['user'] },
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
