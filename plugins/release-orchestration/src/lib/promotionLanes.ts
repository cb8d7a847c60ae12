import {
  EnvironmentPolicy,
  Promotion,
  PromotionState,
} from '@release-orchestration/plugin-release-orchestration-common';

/** States in which a promotion still holds its lane (the backend allows one such per release and lane). */
export const OPEN_PROMOTION_STATES: readonly PromotionState[] = [
  'blocked',
  'pending_approval',
  'approved',
  'deploying',
];

/** One environment lane of a release: its promotions and what can be asked next. */
export interface ReleaseLane {
  name: string;
  title: string;
  /** Absent for a lane that promotions name but app-config no longer defines. */
  policy?: EnvironmentPolicy;
  /** Newest first. */
  promotions: Promotion[];
  open?: Promotion;
  succeeded: boolean;
  /** The lanes a release passes before this one (`after`; by default the lane before it). */
  after: string[];
  /** Titles of the lanes before this one that the release has not succeeded in yet. */
  waitingFor: string[];
  /**
   * Whether to offer "Promote to" here: nothing open, not succeeded yet, and
   * the previous lane succeeded unless the lane does not require it. The gate
   * check still has the last word (named policies may differ).
   */
  promotable: boolean;
}

/**
 * The lanes of a release in promotion order, each with its promotions, and
 * the lanes it could be promoted into next.
 */
export function releaseLanes(
  environments: EnvironmentPolicy[],
  promotions: Promotion[],
): ReleaseLane[] {
  const newestFirst = [...promotions].sort((a, b) =>
    b.createdAt.localeCompare(a.createdAt),
  );
  const lanes: ReleaseLane[] = [];
  const byLane = (name: string) =>
    newestFirst.filter(p => p.environment === name);
  for (const [index, env] of environments.entries()) {
    const own = byLane(env.name);
    const open = own.find(p => OPEN_PROMOTION_STATES.includes(p.state));
    const succeeded = own.some(p => p.state === 'succeeded');
    const after =
      env.after ?? (index > 0 ? [environments[index - 1].name] : []);
    // Lanes come in graph order, so every lane of `after` is already in `lanes`.
    const waitingFor = env.requirePreviousEnvironment
      ? lanes
          .filter(l => after.includes(l.name) && !l.succeeded)
          .map(l => l.title)
      : [];
    lanes.push({
      name: env.name,
      title: env.title,
      policy: env,
      promotions: own,
      open,
      succeeded,
      after,
      waitingFor,
      promotable: !open && !succeeded && waitingFor.length === 0,
    });
  }
  const configured = new Set(environments.map(e => e.name));
  for (const name of new Set(newestFirst.map(p => p.environment))) {
    if (!configured.has(name)) {
      const own = byLane(name);
      lanes.push({
        name,
        title: name,
        promotions: own,
        open: own.find(p => OPEN_PROMOTION_STATES.includes(p.state)),
        succeeded: own.some(p => p.state === 'succeeded'),
        after: [],
        waitingFor: [],
        promotable: false,
      });
    }
  }
  return lanes;
}

/** "1 approval from release-managers" and friends: a lane's policy in a few words. */
export function describePolicy(policy: {
  approvers: string[];
  minApprovals: number;
  separationOfDuties: boolean;
  requiredEvidence: string[];
  requirePreviousEnvironment: boolean;
  minSoakSeconds?: number;
  ownersOfChangesApprove?: 'also' | 'instead';
  commitAuthorsCannotApprove?: boolean;
}): string[] {
  const parts: string[] = [];
  const groups = policy.approvers.map(shortRef).join(', ');
  if (policy.minApprovals > 0) {
    parts.push(
      `${policy.minApprovals} ${
        policy.minApprovals === 1 ? 'approval' : 'approvals'
      } from ${groups || 'nobody'}`,
    );
  } else {
    parts.push('no approval needed');
  }
  if (policy.separationOfDuties) {
    parts.push('separation of duties');
  }
  if (policy.requiredEvidence.length > 0) {
    parts.push(`evidence: ${policy.requiredEvidence.join(', ')}`);
  }
  if (policy.requirePreviousEnvironment) {
    parts.push('previous lane first');
  }
  if (policy.minSoakSeconds) {
    parts.push(
      `soak ${formatSoak(policy.minSoakSeconds)} in the previous lane`,
    );
  }
  if (policy.ownersOfChangesApprove) {
    parts.push(
      policy.ownersOfChangesApprove === 'instead'
        ? 'owners of what changed approve instead'
        : 'owners of what changed approve too',
    );
  }
  if (policy.commitAuthorsCannotApprove) {
    parts.push('commit authors cannot approve');
  }
  return parts;
}

/** A soak time for people: `2h`, `1h 30m`, `1d`. */
export function formatSoak(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [days && `${days}d`, hours && `${hours}h`, rest && `${rest}m`]
    .filter(Boolean)
    .join(' ');
}

/** `release-managers` from `group:default/release-managers`. */
export function shortRef(ref: string): string {
  const match = /^(?:[^:]+:)?(?:([^/]+)\/)?(.+)$/.exec(ref);
  if (!match) {
    return ref;
  }
  const [, namespace, name] = match;
  return namespace && namespace !== 'default' ? `${namespace}/${name}` : name;
}

/**
 * "after Staging" under a lane whose `after` is not simply the lane shown
 * before it (a branch of a fan-out, or a lane after several lanes); else
 * undefined.
 */
export function afterCaption(
  lane: Pick<ReleaseLane, 'after'>,
  previous: Pick<ReleaseLane, 'name'> | undefined,
  titleOf: (name: string) => string,
): string | undefined {
  if (lane.after.length === 0) {
    return previous ? 'a first lane: needs no lane before it' : undefined;
  }
  if (lane.after.length === 1 && lane.after[0] === previous?.name) {
    return undefined;
  }
  return `after ${lane.after.map(titleOf).join(' and ')}`;
}

/**
 * Lanes that can be asked for together (fan-out): promotable now, with the
 * same lanes before them, when there are two or more; else empty.
 */
export function fanOutLanes(lanes: ReleaseLane[]): ReleaseLane[] {
  const key = (l: ReleaseLane) => [...l.after].sort().join(',');
  const groups = new Map<string, ReleaseLane[]>();
  for (const lane of lanes.filter(l => l.promotable && l.policy)) {
    groups.set(key(lane), [...(groups.get(key(lane)) ?? []), lane]);
  }
  return [...groups.values()].find(g => g.length > 1) ?? [];
}
