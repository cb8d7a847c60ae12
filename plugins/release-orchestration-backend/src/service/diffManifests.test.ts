import { ReleaseComponent } from '@release-orchestration/plugin-release-orchestration-common';
import { diffManifests } from './diffManifests';

const line = (
  name: string,
  version: string,
  buildId = `${name}@${version}`,
): ReleaseComponent => ({
  componentRef: `component:default/${name}`,
  version,
  buildId,
  artifactUri: `r/${name}:${version}`,
  artifactDigest: 'sha256:00',
  commitSha: 'abc1234',
});

describe('diffManifests', () => {
  it('lists added, changed and removed components before unchanged ones', () => {
    const against = [
      line('api', '1.0.0'),
      line('web', '2.0.0'),
      line('old', '0.1.0'),
    ];
    const release = [
      line('web', '2.0.0'),
      line('api', '1.1.0'),
      line('new', '0.0.1'),
    ];
    expect(diffManifests(release, against)).toEqual([
      {
        componentRef: 'component:default/new',
        change: 'added',
        toVersion: '0.0.1',
      },
      {
        componentRef: 'component:default/api',
        change: 'changed',
        fromVersion: '1.0.0',
        toVersion: '1.1.0',
      },
      {
        componentRef: 'component:default/old',
        change: 'removed',
        fromVersion: '0.1.0',
      },
      {
        componentRef: 'component:default/web',
        change: 'unchanged',
        fromVersion: '2.0.0',
        toVersion: '2.0.0',
      },
    ]);
  });

  it('treats an empty previous manifest as everything added', () => {
    expect(
      diffManifests([line('api', '1.0.0')], []).map(c => c.change),
    ).toEqual(['added']);
  });
});
