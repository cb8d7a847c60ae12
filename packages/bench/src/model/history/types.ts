import { ScalePlan } from '../scalePlan';
import { Org, OrgSystem } from '@release-orchestration/demo-data';
import { Random } from '@release-orchestration/demo-data';
import { RowSink } from '../tables';

/** Milliseconds in a minute, an hour and a day. */
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** ISO 8601 in UTC with milliseconds, as the plugin's stores write timestamps. */
export const iso = (ms: number) => new Date(ms).toISOString();

/** A generated build, kept in memory while its System is generated. */
export interface GenBuild {
  id: string;
  version: string;
  at: number;
  commits: Array<{ sha: string; at: number }>;
}

/** A component with its builds, oldest first. */
export interface GenComponent {
  ref: string;
  builds: GenBuild[];
}

/** A manifest line or a deployed component: indexes into the System's components and builds. */
export interface GenLine {
  component: number;
  build: number;
}

/** A generated release. */
export interface GenRelease {
  id: string;
  at: number;
  author: string;
  lines: GenLine[];
}

/** A generated deployment. `finish` is absent while it runs (status `started`). */
export interface GenDeployment {
  id: string;
  environment: string;
  release?: GenRelease;
  promotionId?: string;
  status: 'started' | 'succeeded' | 'failed';
  rollback: boolean;
  hotfix: boolean;
  start: number;
  finish?: number;
  lines: GenLine[];
}

/** Everything the parts of one System's history share. */
export interface SystemContext {
  plan: ScalePlan;
  org: Org;
  system: OrgSystem;
  random: Random;
  sink: RowSink;
  /** The owning team's users: authors and requesters. */
  users: string[];
}

/** Index of the newest build at or before `at` (the first build when none is). */
export function newestBuildAt(builds: GenBuild[], at: number): number {
  let lo = 0;
  let hi = builds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (builds[mid].at <= at) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return lo;
}

/** `n` sorted, strictly increasing whole-millisecond times drawn uniformly from [from, to). */
export function sortedTimes(
  random: Random,
  n: number,
  from: number,
  to: number,
): number[] {
  const times = Array.from({ length: n }, () =>
    Math.round(from + random.next() * (to - from)),
  );
  times.sort((a, b) => a - b);
  for (let i = 1; i < times.length; i++) {
    if (times[i] <= times[i - 1]) {
      times[i] = times[i - 1] + 1;
    }
  }
  return times;
}
