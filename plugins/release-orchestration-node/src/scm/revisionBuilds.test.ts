import { mockServices } from '@backstage/backend-test-utils';
import { CommitReader, RevisionBuilds } from './revisionBuilds';
import { ScmRateLimitError } from './ScmHttpClient';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const D = 'd'.repeat(40);

const commitTimes: Record<string, string> = {
  [A]: '2026-11-01T00:00:00Z',
  [B]: '2026-11-02T00:00:00Z',
  [C]: '2026-11-03T00:00:00Z',
  [D]: '2026-11-04T00:00:00Z',
};

function reader(
  calls: string[],
  failures: Record<string, Error> = {},
): CommitReader {
  return {
    async compare(from, to) {
      calls.push(`compare ${from[0]}...${to[0]}`);
      if (failures[`compare ${to}`]) {
        throw failures[`compare ${to}`];
      }
      // Linear history a < b < c < d.
      const order = [A, B, C, D];
      return order
        .slice(order.indexOf(from) + 1, order.indexOf(to) + 1)
        .map(sha => ({
          sha,
          time: commitTimes[sha],
          message: `commit ${sha[0]}`,
        }));
    },
    async commit(sha) {
      calls.push(`commit ${sha[0]}`);
      if (failures[`commit ${sha}`]) {
        throw failures[`commit ${sha}`];
      }
      return { sha, time: commitTimes[sha], message: `commit ${sha[0]}` };
    },
    commitUrl: sha => `https://github.com/acme/api/commit/${sha}`,
  };
}

describe('RevisionBuilds', () => {
  it('gives each deployed revision the commits since the one deployed before it, once, and resumes from its cursor', async () => {
    const calls: string[] = [];
    const logger = mockServices.logger.mock();
    const builds = new RevisionBuilds(
      {},
      { name: 'GitHub', reader: reader(calls), logger },
    );
    const first = await builds.next('component:default/api', '1.0.0', A);
    expect(first?.commits?.map(c => c.sha[0])).toEqual(['a']);
    const second = await builds.next(
      'component:default/api',
      '1.1.0',
      C.toUpperCase(),
    );
    expect(second).toMatchObject({
      commitSha: C,
      artifactDigest: `sha1:${C}`,
      artifactUri: `https://github.com/acme/api/commit/${C}`,
    });
    expect(second?.commits?.map(c => c.sha[0])).toEqual(['b', 'c']);
    // The same revision deployed to the next lane: no second build.
    expect(
      await builds.next('component:default/api', '1.1.0', C),
    ).toBeUndefined();
    const resumed = new RevisionBuilds(
      JSON.parse(JSON.stringify(builds.cursor())),
      { name: 'GitHub', reader: reader(calls), logger },
    );
    const third = await resumed.next('component:default/api', '1.2.0', D);
    expect(third?.commits?.map(c => c.sha[0])).toEqual(['d']);
    expect(calls).toEqual(['commit a', 'compare a...c', 'compare c...d']);
  });

  it('keeps the own commit after a force push, none for a vanished revision, and stops on a rate limit', async () => {
    const calls: string[] = [];
    const logger = mockServices.logger.mock();
    const builds = new RevisionBuilds(
      { lastSha: A },
      {
        name: 'GitHub acme/api',
        reader: reader(calls, {
          [`compare ${C}`]: new Error('GitHub answered 404 Not Found'),
          [`compare ${D}`]: new Error('GitHub answered 404 Not Found'),
          [`commit ${D}`]: new Error('GitHub answered 422 No commit found'),
          [`compare ${B}`]: new ScmRateLimitError('GitHub rate limit'),
        }),
        logger,
      },
    );
    const forced = await builds.next('component:default/api', '2.0.0', C);
    expect(forced?.commits?.map(c => c.sha[0])).toEqual(['c']);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        `GitHub acme/api: no commits between aaaaaaaaaaaa and cccccccccccc`,
      ),
    );
    expect(
      await builds.next('component:default/api', '2.1.0', D),
    ).toBeUndefined();
    await expect(
      builds.next('component:default/api', '2.2.0', B),
    ).rejects.toThrow(ScmRateLimitError);
    expect(builds.cursor().built).toEqual([C]);
  });
});
