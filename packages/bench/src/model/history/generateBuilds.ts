import { integer, pick, randomHex, randomUuid, uniform } from '../random';
import {
  DAY,
  GenComponent,
  HOUR,
  iso,
  sortedTimes,
  SystemContext,
} from './types';

const MESSAGES = [
  'Fix rounding of refunds in multi-currency orders',
  'Add retry with jitter to the outbound webhook client',
  'Upgrade base image to patch OpenSSL',
  'Log correlation ids on every request',
  'Speed up the nightly reconciliation query',
  'Feature flag for the new checkout summary',
  'Handle empty carts gracefully',
  'Tighten input validation on the public API',
  'Bump dependencies',
  'Cache tenant settings for five minutes',
];

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
      const count = integer(random, 1, 3);
      const commits: Array<{ sha: string; at: number }> = [];
      let t = at;
      for (let j = 0; j < count; j++) {
        t -= Math.round(uniform(random, 0.5, 12) * HOUR);
        commits.unshift({ sha: randomHex(random, 20), at: t });
      }
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
          pick(random, MESSAGES),
        ]);
      }
      return { id, version, at, commits };
    });
    return { ref: component.ref, builds };
  });
}
