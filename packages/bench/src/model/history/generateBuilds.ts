import {
  generateCommits,
  randomHex,
  randomUuid,
  uniform,
} from '@release-orchestration/demo-data';
import {
  DAY,
  GenComponent,
  HOUR,
  iso,
  sortedTimes,
  SystemContext,
} from './types';

/**
 * The builds of each component of a System: the first in the first two days of the history,
 * the rest spread over it; each carries one to three commits made in the hours before it (the
 * last one is the head commit).
 */
export function generateBuilds(ctx: SystemContext): GenComponent[] {
  const { plan, system, random, sink } = ctx;
  return system.components.map(component => {
    const name = component.ref.slice(component.ref.indexOf('/') + 1);
    const times = [
      Math.round(uniform(random, plan.start, plan.start + 2 * DAY)),
      ...sortedTimes(
        random,
        component.builds - 1,
        plan.start + 2 * DAY,
        plan.end - HOUR,
      ),
    ];
    const builds = times.map((at, k) => {
      const commits = generateCommits(random, at, {
        count: [1, 3],
        gapHours: [0.5, 12],
      });
      const id = randomUuid(random);
      const version = `1.${k + 1}.0`;
      const head = commits[commits.length - 1];
      sink.write('builds', [
        id,
        component.ref,
        version,
        `registry.example.com/${name}:${version}`,
        `sha256:${randomHex(random, 32)}`,
        `https://ci.example.com/${name}/builds/${k + 1}`,
        head.sha,
        iso(head.at),
        'service:ci-pipeline',
        iso(at),
      ]);
      for (const commit of commits) {
        sink.write('build_commits', [
          id,
          commit.sha,
          iso(commit.at),
          commit.message,
        ]);
      }
      return {
        id,
        version,
        at,
        commits: commits.map(c => ({ sha: c.sha, at: c.at })),
      };
    });
    return { ref: component.ref, builds };
  });
}
