import { NewBuild, NewRelease } from '../database/types';
import { randomHex, randomUuid, seededRandom, seedOf } from './random';

const DAY = 24 * 60 * 60 * 1000;

const COMMIT_MESSAGES = [
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
  'Remove the legacy v1 endpoint',
  'Add metrics for queue latency',
];

const COMMIT_AUTHORS = [
  'Ada Lovelace',
  'Grace Hopper',
  'Alan Turing',
  'Katherine Johnson',
  'Linus Torvalds',
  'Barbara Liskov',
];

/**
 * A commit's author and the pull request (and sometimes ticket) its message names, derived from
 * its SHA so the seeded random sequence (and so every other generated figure) stays as it was.
 */
function demoCommitDetails(sha: string, message: string) {
  const n = parseInt(sha.slice(0, 8), 16);
  const pull = 100 + (n % 900);
  const ticket = n % 3 === 0 ? `OPS-${10 + (Math.floor(n / 7) % 290)}: ` : '';
  return {
    message: `${ticket}${message} (#${pull})`,
    author: COMMIT_AUTHORS[n % COMMIT_AUTHORS.length],
  };
}

/** One to four commits made in the hours before a build at `at`. */
function demoCommits(random: () => number, at: number) {
  const count = 1 + Math.floor(random() * 4);
  return Array.from({ length: count }, (_, i) => {
    const sha = randomHex(random, 40);
    const time = new Date(
      at - (count - i) * (2 + random() * 20) * 3600_000,
    ).toISOString();
    return {
      sha,
      time,
      ...demoCommitDetails(
        sha,
        COMMIT_MESSAGES[Math.floor(random() * COMMIT_MESSAGES.length)],
      ),
    };
  });
}

function demoRiskClass(random: () => number): NewRelease['riskClass'] {
  const draw = random();
  if (draw < 0.2) {
    return 'high';
  }
  return draw < 0.6 ? 'medium' : 'low';
}

/**
 * Days between releases, by the System's position in the list: twice a week, about daily, about
 * weekly, so that the demo's DORA deployment frequencies differ between Systems.
 */
const RELEASE_CADENCES: Array<[number, number]> = [
  [2.5, 4.5],
  [0.6, 1.4],
  [6, 10],
];

/** A System and its components, as the demo history is generated for them. */
export interface DemoSystem {
  systemRef: string;
  componentRefs: string[];
}

/** Generated history, oldest first. */
export interface DemoHistory {
  builds: NewBuild[];
  releases: NewRelease[];
}

/**
 * Deterministic history for the demo portal: for each System, builds of every component over
 * the last `days` days (a few a week, semantic versions, commit SHAs and times, commit lists)
 * and releases of the newest builds at that time, every 0.6-1.4, 2.5-4.5 or 6-10 days by System.
 */
export function generateDemoHistory(
  systems: DemoSystem[],
  now: Date,
  days = 90,
): DemoHistory {
  const builds: NewBuild[] = [];
  const releases: NewRelease[] = [];
  const start = now.getTime() - days * DAY;
  for (const [systemIndex, system] of systems.entries()) {
    const random = seededRandom(seedOf(system.systemRef));
    const [minDays, maxDays] =
      RELEASE_CADENCES[systemIndex % RELEASE_CADENCES.length];
    const name = system.systemRef.split('/')[1];
    const latest = new Map<string, NewBuild>();
    const timeline: NewBuild[] = [];
    for (const componentRef of system.componentRefs) {
      const componentName = componentRef.split('/')[1];
      let [major, minor, patch] = [
        1 + Math.floor(random() * 3),
        Math.floor(random() * 10),
        0,
      ];
      let at = start + random() * 2 * DAY;
      let buildNumber = 100 + Math.floor(random() * 400);
      while (at < now.getTime() - DAY / 2) {
        if (random() < 0.2) {
          minor += 1;
          patch = 0;
        } else {
          patch += 1;
        }
        if (random() < 0.02) {
          major += 1;
          minor = 0;
          patch = 0;
        }
        buildNumber += 1;
        const commits = demoCommits(random, at);
        const head = commits[commits.length - 1];
        const version = `${major}.${minor}.${patch}`;
        timeline.push({
          id: randomUuid(random),
          componentRef,
          version,
          artifactUri: `registry.acme.example/${name}/${componentName}:${version}`,
          artifactDigest: `sha256:${randomHex(random, 64)}`,
          buildUrl: `https://ci.acme.example/${name}/${componentName}/builds/${buildNumber}`,
          commitSha: head.sha,
          commitTime: head.time,
          commits,
          reportedBy: 'service:external:ci-pipeline',
          createdAt: new Date(at).toISOString(),
        });
        at += (1 + random() * 4) * DAY;
      }
    }
    timeline.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    builds.push(...timeline);

    let nextRelease = start + (6 + random() * 4) * DAY;
    let releaseIndex = 0;
    for (const build of timeline) {
      if (
        new Date(build.createdAt).getTime() >= nextRelease &&
        latest.size === system.componentRefs.length
      ) {
        releaseIndex += 1;
        const cutAt = new Date(nextRelease);
        releases.push({
          id: randomUuid(random),
          systemRef: system.systemRef,
          version: `${cutAt
            .toISOString()
            .slice(0, 10)
            .replace(/-/g, '.')}-${releaseIndex}`,
          notes: `Scheduled release ${releaseIndex} of ${name}.`,
          riskClass: demoRiskClass(random),
          createdBy: [
            'user:default/alice',
            'user:default/bob',
            'user:default/carol',
          ][releaseIndex % 3],
          createdAt: cutAt.toISOString(),
          components: [...latest.values()].map(b => ({
            componentRef: b.componentRef,
            buildId: b.id,
          })),
        });
        // Never before the build that triggered this cut, which the next release will contain.
        nextRelease =
          Math.max(nextRelease, new Date(build.createdAt).getTime()) +
          (minDays + random() * (maxDays - minDays)) * DAY;
      }
      latest.set(build.componentRef, build);
    }
  }
  return { builds, releases };
}
