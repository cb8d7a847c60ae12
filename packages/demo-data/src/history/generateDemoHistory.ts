import {
  Build,
  RiskClass,
} from '@release-orchestration/plugin-release-orchestration-common';
import { band, randomHex, randomUuid, seededRandom, uniform } from '../random';
import { DeliveryProfile } from '../demo/deliveryProfiles';
import { generateCommits } from './commits';

const DAY = 24 * 60 * 60 * 1000;

/** A generated release, as the plugin's release store takes it. */
export interface DemoRelease {
  id: string;
  systemRef: string;
  version: string;
  notes?: string;
  riskClass: RiskClass;
  createdBy: string;
  createdAt: string;
  components: Array<{ componentRef: string; buildId: string }>;
}

/** A System and its components, with the profile its history follows. */
export interface DemoSystem {
  systemRef: string;
  componentRefs: string[];
  profile: DeliveryProfile;
}

/** Generated history, oldest first. */
export interface DemoHistory {
  builds: Build[];
  releases: DemoRelease[];
}

/** Who cuts the demo's releases, in turn. */
const RELEASE_AUTHORS = [
  'user:default/alice',
  'user:default/bob',
  'user:default/carol',
];

/**
 * Deterministic history for the demo portal: for each System, builds of every component over
 * the last `days` days (semantic versions, commit SHAs and times, commit lists naming pull
 * requests and tickets), and releases of the newest builds at that time, as often as the System's
 * profile says. Each System draws from its own seeded stream (keyed by its ref), so adding
 * Systems leaves the others' history as it was.
 */
export function generateDemoHistory(
  systems: DemoSystem[],
  now: Date,
  days = 90,
): DemoHistory {
  const builds: Build[] = [];
  const releases: DemoRelease[] = [];
  const start = now.getTime() - days * DAY;
  for (const system of systems) {
    const { profile } = system;
    const random = seededRandom(`demo|${system.systemRef}`);
    const name = system.systemRef.split('/')[1];
    // Commits land a few hours apart for Systems that build often, up to a day for the others.
    const gapHours: [number, number] = [
      0.5,
      Math.min(22, profile.buildEveryDays[1] * 6),
    ];
    const timeline: Build[] = [];
    for (const componentRef of system.componentRefs) {
      const componentName = componentRef.split('/')[1];
      let major = 1 + Math.floor(random.next() * 3);
      let minor = Math.floor(random.next() * 10);
      let patch = 0;
      let at = start + random.next() * 2 * DAY;
      let buildNumber = 100 + Math.floor(random.next() * 400);
      while (at < now.getTime() - DAY / 2) {
        if (random.next() < 0.2) {
          minor += 1;
          patch = 0;
        } else {
          patch += 1;
        }
        if (random.next() < 0.02) {
          major += 1;
          minor = 0;
          patch = 0;
        }
        buildNumber += 1;
        const commits = generateCommits(random, at, {
          count: [1, 4],
          gapHours,
        });
        const head = commits[commits.length - 1];
        const version = `${major}.${minor}.${patch}`;
        timeline.push({
          id: randomUuid(random),
          componentRef,
          version,
          artifactUri: `registry.acme.example/${name}/${componentName}:${version}`,
          artifactDigest: `sha256:${randomHex(random, 32)}`,
          buildUrl: `https://ci.acme.example/${name}/${componentName}/builds/${buildNumber}`,
          commitSha: head.sha,
          commitTime: new Date(head.at).toISOString(),
          commits: commits.map(c => ({
            sha: c.sha,
            time: new Date(c.at).toISOString(),
            message: c.message,
            author: c.author,
          })),
          reportedBy: 'service:external:ci-pipeline',
          createdAt: new Date(at).toISOString(),
        });
        at += uniform(random, ...profile.buildEveryDays) * DAY;
      }
    }
    timeline.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    builds.push(...timeline);

    const latest = new Map<string, Build>();
    let nextRelease =
      start +
      Math.max(profile.buildEveryDays[1] * 2, 3 + random.next() * 4) * DAY;
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
          riskClass: band<RiskClass>(
            random.next(),
            [
              [0.2, 'high'],
              [0.6, 'medium'],
            ],
            'low',
          ),
          createdBy: RELEASE_AUTHORS[releaseIndex % RELEASE_AUTHORS.length],
          createdAt: cutAt.toISOString(),
          components: [...latest.values()].map(b => ({
            componentRef: b.componentRef,
            buildId: b.id,
          })),
        });
        // Never before the build that triggered this cut, which the next release will contain.
        nextRelease =
          Math.max(nextRelease, new Date(build.createdAt).getTime()) +
          uniform(random, ...profile.releaseEveryDays) * DAY;
      }
      latest.set(build.componentRef, build);
    }
  }
  return { builds, releases };
}
