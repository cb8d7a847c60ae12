import {
  buildFromCommits,
  DEFAULT_ENVIRONMENT_LANES,
  laneForEnvironment,
  versionFromRef,
} from './sourceMapping';

describe('laneForEnvironment', () => {
  it('maps configured names case-insensitively and passes other names through in lower case', () => {
    const lanes = { ...DEFAULT_ENVIRONMENT_LANES, 'eu-prod': 'production' };
    expect(laneForEnvironment('Prod', lanes)).toBe('production');
    expect(laneForEnvironment('EU-Prod', lanes)).toBe('production');
    expect(laneForEnvironment('Staging', lanes)).toBe('staging');
    expect(laneForEnvironment('review/feature-1', lanes)).toBe(
      'review/feature-1',
    );
  });
});

describe('versionFromRef', () => {
  it('takes a tag-like ref, else the short SHA', () => {
    const sha = '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c';
    expect(versionFromRef('v3.3.0', sha)).toBe('v3.3.0');
    expect(versionFromRef('3.2.0-rc.1', sha)).toBe('3.2.0-rc.1');
    expect(versionFromRef('main', sha)).toBe('0f1e2d3c4b5a');
    expect(versionFromRef(sha, sha)).toBe('0f1e2d3c4b5a');
  });
});

describe('buildFromCommits', () => {
  it('keeps each commit once, oldest first, with the head as the revision and its object id as digest', () => {
    const head = {
      sha: 'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB',
      time: '2026-11-20T10:00:00Z',
      message: 'Fix rounding',
    };
    const build = buildFromCommits({
      component: 'component:default/api',
      version: '1.2.0',
      head,
      commits: [
        head,
        {
          sha: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
          time: '2026-11-19T09:00:00Z',
          message: 'x'.repeat(1200),
        },
      ],
      commitUrl: 'https://gitlab.com/acme/api/-/commit/bbbb',
    });
    expect(build).toMatchObject({
      component: 'component:default/api',
      version: '1.2.0',
      artifactUri: 'https://gitlab.com/acme/api/-/commit/bbbb',
      artifactDigest: 'sha1:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
      commitSha: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
      commitTime: '2026-11-20T10:00:00Z',
    });
    expect(build.commits!.map(c => c.sha[0])).toEqual(['a', 'b']);
    expect(build.commits![0].message).toHaveLength(1000);
  });

  it('keeps the newest 1,000 commits', () => {
    const commits = Array.from({ length: 1005 }, (_, i) => ({
      sha: i.toString(16).padStart(40, '0'),
      time: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    }));
    const build = buildFromCommits({
      component: 'component:default/api',
      version: '1.0.0',
      head: commits[1004],
      commits,
      commitUrl: 'https://example.test/c',
    });
    expect(build.commits).toHaveLength(1000);
    expect(build.commits![0].sha).toBe(commits[5].sha);
  });
});
