import { lanePolicy, PRODUCTION } from '../../backend/benchConfig';
import {
  band,
  chance,
  integer,
  pick,
  randomUuid,
  uniform,
} from '@release-orchestration/demo-data';
import {
  DAY,
  GenComponent,
  GenDeployment,
  GenLine,
  GenRelease,
  HOUR,
  iso,
  MIN,
  newestBuildAt,
  SystemContext,
} from './types';

const FAILURE_RATE = 0.04;
const ROLLBACK_RATE = 0.04;
const PRODUCTION_SHARE = 0.85;

/**
 * The deployments of a System and the promotions behind them. Every release goes to dev, then
 * staging, then (mostly) production, hours to days apart; a failed deployment is retried once;
 * a few production releases are rolled back to the previous one. The rest of the System's
 * deployments are single components (mostly to dev, some production hotfixes), some at older
 * versions, which makes lanes drift. Finish times are unique within the System.
 */
export function generateDeployments(
  ctx: SystemContext,
  components: GenComponent[],
  releases: GenRelease[],
): GenDeployment[] {
  const { plan, system, random } = ctx;
  const deployments: GenDeployment[] = [];
  const deploy = (
    environment: string,
    start: number,
    lines: GenLine[],
    options: {
      release?: GenRelease;
      rollback?: boolean;
      hotfix?: boolean;
      failureRate?: number;
    } = {},
  ) => {
    if (start >= plan.end) {
      return undefined;
    }
    const finish = Math.round(start + uniform(random, 2, 20) * MIN);
    const failed = chance(random, options.failureRate ?? FAILURE_RATE);
    const running = finish >= plan.end;
    let status: GenDeployment['status'] = failed ? 'failed' : 'succeeded';
    if (running) {
      status = 'started';
    }
    const deployment: GenDeployment = {
      id: randomUuid(random),
      environment,
      release: options.release,
      status,
      rollback: options.rollback ?? false,
      hotfix: options.hotfix ?? false,
      start: Math.round(start),
      ...(running ? {} : { finish }),
      lines,
    };
    deployments.push(deployment);
    return deployment;
  };
  const deployRelease = (
    environment: string,
    start: number,
    release: GenRelease,
    rollback = false,
  ) => {
    const first = deploy(environment, start, release.lines, {
      release,
      rollback,
      failureRate: rollback ? 0 : undefined,
    });
    if (first?.status !== 'failed') {
      return first;
    }
    return deploy(
      environment,
      first.finish! + uniform(random, 5, 45) * MIN,
      release.lines,
      { release, rollback },
    );
  };

  let running: GenRelease | undefined;
  const stagedReleases = new Set<string>();
  for (const release of releases) {
    const dev = deployRelease(
      'dev',
      release.at + uniform(random, 5, 60) * MIN,
      release,
    );
    if (dev?.status !== 'succeeded') {
      continue;
    }
    const staging = deployRelease(
      'staging',
      dev.finish! + uniform(random, 1, 24) * HOUR,
      release,
    );
    if (staging?.status !== 'succeeded') {
      continue;
    }
    stagedReleases.add(release.id);
    if (!chance(random, PRODUCTION_SHARE)) {
      continue;
    }
    const production = deployRelease(
      PRODUCTION,
      staging.finish! + uniform(random, 2, 72) * HOUR,
      release,
    );
    if (production?.status !== 'succeeded') {
      continue;
    }
    const previous = running;
    running = release;
    if (previous && chance(random, ROLLBACK_RATE)) {
      const back = deployRelease(
        PRODUCTION,
        production.finish! + uniform(random, 10, 120) * MIN,
        previous,
        true,
      );
      if (back?.status === 'succeeded') {
        running = previous;
      }
    }
  }

  const singles = Math.max(0, system.deployments - deployments.length);
  for (let i = 0; i < singles; i++) {
    const component = integer(random, 0, components.length - 1);
    const at = uniform(random, plan.start + 3 * DAY, plan.end - MIN);
    let build = newestBuildAt(components[component].builds, at);
    if (chance(random, 0.2)) {
      build = Math.max(0, build - integer(random, 1, 4));
    }
    const draw = random.next();
    const environment = band(
      draw,
      [
        [0.7, 'dev'],
        [0.9, 'staging'],
      ],
      PRODUCTION,
    );
    deploy(environment, at, [{ component, build }], {
      hotfix: environment === PRODUCTION && chance(random, 0.5),
    });
  }

  // Unique finish times within the System keep "the newest deployment before t" unambiguous.
  const finished = deployments
    .filter(d => d.finish !== undefined)
    .sort((a, b) => a.finish! - b.finish!);
  for (let i = 1; i < finished.length; i++) {
    if (finished[i].finish! <= finished[i - 1].finish!) {
      finished[i].finish = finished[i - 1].finish! + 1;
    }
  }
  writePromotions(ctx, deployments, releases, stagedReleases);
  writeDeployments(ctx, components, deployments);
  return deployments;
}

function writeDeployments(
  ctx: SystemContext,
  components: GenComponent[],
  deployments: GenDeployment[],
) {
  const { system, sink } = ctx;
  deployments.forEach((d, n) => {
    sink.write('deployments', [
      d.id,
      `bench-${system.index + 1}-${n + 1}`,
      system.ref,
      d.environment,
      d.release?.id ?? null,
      d.promotionId ?? null,
      d.status,
      d.rollback,
      d.hotfix,
      iso(d.start),
      d.finish !== undefined ? iso(d.finish) : null,
      d.environment === PRODUCTION && !d.release
        ? 'argocd'
        : 'service:ci-pipeline',
      iso(d.start),
      iso(d.finish ?? d.start),
    ]);
    for (const line of d.lines) {
      const component = components[line.component];
      sink.write('deployment_components', [
        d.id,
        component.ref,
        component.builds[line.build].version,
      ]);
    }
  });
}

/**
 * A promotion for every release deployment past dev (approved by a release manager in
 * production), and a pending production promotion for some Systems' newest staged release: the
 * approval queue.
 */
function writePromotions(
  ctx: SystemContext,
  deployments: GenDeployment[],
  releases: GenRelease[],
  stagedReleases: Set<string>,
) {
  const { plan, random } = ctx;
  for (const d of deployments) {
    if (!d.release || d.environment === 'dev') {
      continue;
    }
    const created = Math.max(
      d.release.at + MIN,
      Math.round(d.start - uniform(random, 10, 480) * MIN),
    );
    const state = d.status === 'started' ? 'deploying' : d.status;
    d.promotionId = writePromotion(ctx, {
      release: d.release,
      environment: d.environment,
      rollback: d.rollback,
      state,
      created,
      deploying: d.start,
      finished: d.finish,
    });
  }
  const newest = releases[releases.length - 1];
  const promoted = deployments.some(
    d => d.release === newest && d.environment === PRODUCTION,
  );
  if (
    newest &&
    stagedReleases.has(newest.id) &&
    !promoted &&
    chance(random, 0.6)
  ) {
    const created = Math.min(
      Math.round(newest.at + uniform(random, 1, 72) * HOUR),
      Math.round(plan.end - uniform(random, 1, 60) * MIN),
    );
    writePromotion(ctx, {
      release: newest,
      environment: PRODUCTION,
      rollback: false,
      state: 'pending_approval',
      created: Math.max(created, newest.at + MIN),
    });
  }
}

function writePromotion(
  ctx: SystemContext,
  p: {
    release: GenRelease;
    environment: string;
    rollback: boolean;
    state: string;
    created: number;
    deploying?: number;
    finished?: number;
  },
): string {
  const { org, system, random, sink, users } = ctx;
  const policy = lanePolicy(p.environment);
  const id = randomUuid(random);
  const requester = pick(random, users);
  const needsApproval = policy.minApprovals > 0;
  const approvedAt =
    needsApproval && p.deploying !== undefined
      ? Math.round(p.created + random.next() * (p.deploying - p.created))
      : undefined;
  sink.write('promotions', [
    id,
    p.release.id,
    system.ref,
    p.environment,
    p.state,
    requester,
    p.rollback ? 'Roll back a failed change' : null,
    p.rollback,
    null,
    JSON.stringify(policy.approvers),
    policy.minApprovals,
    policy.separationOfDuties,
    JSON.stringify(policy.requiredEvidence),
    policy.requirePreviousEnvironment,
    approvedAt !== undefined ? 1 : 0,
    iso(p.created),
    iso(p.finished ?? p.deploying ?? p.created),
  ]);
  for (const group of policy.approvers) {
    sink.write('promotion_approver_groups', [id, group]);
  }
  const transitions: Array<[string | null, string, string, number]> = [];
  let state = needsApproval ? 'pending_approval' : 'approved';
  transitions.push([null, state, requester, p.created]);
  if (approvedAt !== undefined) {
    const approver = pick(random, org.releaseManagers);
    sink.write('approvals', [
      randomUuid(random),
      id,
      approver,
      'approve',
      'Evidence reviewed',
      iso(approvedAt),
    ]);
    transitions.push([state, 'approved', approver, approvedAt]);
    state = 'approved';
  }
  if (p.deploying !== undefined) {
    transitions.push([state, 'deploying', 'service:ci-pipeline', p.deploying]);
    state = 'deploying';
  }
  if (p.finished !== undefined) {
    transitions.push([state, p.state, 'service:ci-pipeline', p.finished]);
  }
  transitions.forEach(([from, to, actor, at], i) => {
    sink.write('promotion_transitions', [
      id,
      i + 1,
      from,
      to,
      actor,
      null,
      iso(at),
    ]);
  });
  return id;
}
