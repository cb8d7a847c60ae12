import {
  DeployedComponent,
  DeploymentStatus,
} from '@release-orchestration/plugin-release-orchestration-common';
import { randomUuid, seededRandom } from '../random';
import { DemoScenario } from '../demo/deliveryProfiles';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const CI_ACTOR = 'service:external:ci-pipeline';

/** A generated deployment, as the plugin's deployment store takes it. */
export interface DemoDeployment {
  id: string;
  idempotencyKey: string;
  systemRef: string;
  environment: string;
  releaseId?: string;
  promotionId?: string;
  status: DeploymentStatus;
  rollback: boolean;
  hotfix: boolean;
  startedAt: string;
  finishedAt?: string;
  deployer: string;
  createdAt: string;
  components: DeployedComponent[];
}

/** A release of the System with its manifest. */
export interface DemoReleaseManifest {
  id: string;
  version: string;
  createdAt: string;
  components: DeployedComponent[];
}

/** A promotion that succeeded in a lane, with the times it was deploying and succeeded. */
export interface DemoLaneSuccess {
  promotionId: string;
  releaseId: string;
  environment: string;
  deployingAt: number;
  succeededAt: number;
}

/** What to generate for one System. */
export interface DemoDeploymentOptions {
  systemRef: string;
  /** Lane names in promotion order. */
  lanes: string[];
  /** Oldest first. */
  releases: DemoReleaseManifest[];
  successes: DemoLaneSuccess[];
  /** Failure rate, regression, rollbacks, hotfixes and drift. */
  scenario: Pick<
    DemoScenario,
    'profile' | 'regression' | 'rollbacks' | 'hotfixes' | 'drift'
  >;
  now: Date;
}

/**
 * Deployments that match the demo's promotions: every succeeded promotion is carried out by a
 * deployment of the whole release (tied to the promotion, deploying -> succeeded); some
 * production deployments (the profile's failure rate; the regression's in its last days) failed
 * once before; `rollbacks` times production rolled back to the
 * previous release a few hours after a release, and `hotfixes` times a component went to
 * production ahead of its release. With `drift`, one component of the middle lane was deployed on
 * its own at the version of the newest release, so that lane ends drifted.
 */
export function generateDemoDeployments(
  options: DemoDeploymentOptions,
): DemoDeployment[] {
  const { systemRef, lanes, scenario } = options;
  const random = seededRandom(`demo|${systemRef}|deployments`);
  const name = systemRef.split('/')[1];
  const regressionFrom = scenario.regression
    ? options.now.getTime() - scenario.regression.days * DAY
    : Infinity;
  const failureRate = (at: number) =>
    at >= regressionFrom
      ? scenario.regression!.failureRate
      : scenario.profile.failureRate;
  const releases = new Map(options.releases.map(r => [r.id, r]));
  const production = lanes[lanes.length - 1];
  const deployments: DemoDeployment[] = [];
  const add = (
    d: Omit<
      DemoDeployment,
      'id' | 'idempotencyKey' | 'systemRef' | 'createdAt'
    >,
  ) => {
    deployments.push({
      ...d,
      id: randomUuid(random),
      idempotencyKey: `demo:${name}:${deployments.length + 1}`,
      systemRef,
      createdAt: d.startedAt,
    });
  };
  const whole = (releaseId: string) =>
    releases.get(releaseId)?.components ?? [];
  const iso = (t: number) => new Date(t).toISOString();

  const successes = [...options.successes].sort(
    (a, b) => a.succeededAt - b.succeededAt,
  );
  for (const success of successes) {
    if (
      success.environment === production &&
      random.next() < failureRate(success.deployingAt)
    ) {
      const failedAt = success.deployingAt - (2 + random.next() * 3) * HOUR;
      add({
        environment: success.environment,
        releaseId: success.releaseId,
        status: 'failed',
        rollback: false,
        hotfix: false,
        startedAt: iso(failedAt),
        finishedAt: iso(failedAt + (10 + random.next() * 20) * MINUTE),
        deployer: CI_ACTOR,
        components: whole(success.releaseId),
      });
    }
    add({
      environment: success.environment,
      releaseId: success.releaseId,
      promotionId: success.promotionId,
      status: 'succeeded',
      rollback: false,
      hotfix: false,
      startedAt: iso(success.deployingAt),
      finishedAt: iso(success.succeededAt),
      deployer: CI_ACTOR,
      components: whole(success.releaseId),
    });
  }

  const prod = successes.filter(s => s.environment === production);
  const used = new Set<number>();
  for (let r = 0; r < scenario.rollbacks; r++) {
    const i = Math.floor(prod.length * (0.4 + 0.3 * r));
    const at = prod[i]?.succeededAt + 3 * HOUR;
    if (i < 1 || i + 1 >= prod.length || at + HOUR > prod[i + 1].deployingAt) {
      continue;
    }
    used.add(i);
    add({
      environment: production,
      releaseId: prod[i - 1].releaseId,
      status: 'succeeded',
      rollback: true,
      hotfix: false,
      startedAt: iso(at),
      finishedAt: iso(at + 15 * MINUTE),
      deployer: 'user:default/carol',
      components: whole(prod[i - 1].releaseId),
    });
  }
  for (let h = 0; h < scenario.hotfixes; h++) {
    const j = Math.floor(prod.length * (0.55 + 0.25 * h));
    const [current, next] = [prod[j], prod[j + 1]];
    if (!current || !next || used.has(j)) {
      continue;
    }
    const before = new Map(
      whole(current.releaseId).map(c => [c.componentRef, c.version]),
    );
    const line = whole(next.releaseId).find(
      c => before.get(c.componentRef) !== c.version,
    );
    const at = Math.max(
      current.succeededAt + 2 * HOUR,
      Date.parse(releases.get(next.releaseId)!.createdAt) + HOUR,
    );
    if (!line || at + HOUR > next.deployingAt) {
      continue;
    }
    add({
      environment: production,
      status: 'succeeded',
      rollback: false,
      hotfix: true,
      startedAt: iso(at),
      finishedAt: iso(at + 12 * MINUTE),
      deployer: 'user:default/erin',
      components: [line],
    });
  }

  if (scenario.drift) {
    const lane = lanes[Math.floor((lanes.length - 1) / 2)];
    const last = successes.filter(s => s.environment === lane).pop();
    const newest = options.releases[options.releases.length - 1];
    const running = new Map(
      whole(last?.releaseId ?? '').map(c => [c.componentRef, c.version]),
    );
    const line = newest?.components.find(
      c =>
        running.has(c.componentRef) &&
        running.get(c.componentRef) !== c.version,
    );
    const at =
      last && newest
        ? Math.max(last.succeededAt, Date.parse(newest.createdAt)) + 2 * HOUR
        : Infinity;
    if (line && at + HOUR < options.now.getTime()) {
      add({
        environment: lane,
        status: 'succeeded',
        rollback: false,
        hotfix: false,
        startedAt: iso(at),
        finishedAt: iso(at + 8 * MINUTE),
        deployer: 'user:default/bob',
        components: [line],
      });
    }
  }
  const latest = options.now.getTime() - MINUTE;
  return deployments
    .filter(d => Date.parse(d.finishedAt ?? d.startedAt) < latest)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}
