import { LoggerService } from '@backstage/backend-plugin-api';
import {
  EnvironmentPolicy,
  PromotionPolicy,
  PromotionState,
  ReleaseSummary,
} from '@release-orchestration/plugin-release-orchestration-common';
import { NamedPolicy } from '@release-orchestration/plugin-release-orchestration-backend/src/config/readNamedPolicies';
import {
  NewAuditEvent,
  Stores,
} from '@release-orchestration/plugin-release-orchestration-backend/src/database/types';
import {
  CatalogGateway,
  PolicyCatalog,
} from '@release-orchestration/plugin-release-orchestration-backend/src/service/CatalogGateway';
import {
  eligibleApproversOf,
  PromotionGates,
} from '@release-orchestration/plugin-release-orchestration-backend/src/service/PromotionGates';
import {
  DemoScenario,
  Random,
  randomUuid,
  seededRandom,
} from '@release-orchestration/demo-data';
import { DemoScenarioOf, namedScenarios } from './demoScenarios';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const CI_ACTOR = 'service:external:ci-pipeline';
/** The demo's signed-in user never appears in seeded history, so its queue shows only what waits for it. */
const DEMO_VIEWER = 'user:default/guest';

const REJECTION =
  'The schema migration has no rollback plan; add one and ask again';

/** One write of the seeded history, applied in time order. */
interface Step {
  at: number;
  apply: (tx: Stores, at: string) => Promise<NewAuditEvent | undefined>;
}

/** What to do with one release in one lane. */
type LanePlan = 'succeed' | 'pending' | 'reject';

function plansFor(
  index: number,
  count: number,
  lanes: number,
  scenario: Pick<DemoScenario, 'approvals' | 'production'>,
): LanePlan[] {
  // Without production data, releases stop before the last lane.
  const reached = scenario.production ? lanes : Math.max(1, lanes - 1);
  const newest = count - 1 - index;
  if (scenario.approvals && newest === 0) {
    return lanes > 1 ? ['succeed', 'pending'] : ['pending'];
  }
  if (scenario.approvals && newest === 1) {
    return [...Array(Math.max(0, lanes - 1)).fill('succeed'), 'pending'];
  }
  const plans: LanePlan[] = Array(reached).fill('succeed');
  if (scenario.approvals && scenario.production && index % 5 === 2) {
    plans[lanes - 1] = 'reject';
  }
  return plans;
}

/**
 * Seeds evidence and promotions for the demo portal's releases, once: releases went through
 * every lane with their approvals, waiting in each lane up to the System's profile's `laneDays`.
 * For a System whose scenario has `approvals`, one in five older releases was rejected at the
 * last lane, the second newest release waits for approval in the last lane and the newest one in
 * the second lane; a scenario without `production` stops every release before the last lane.
 * Nothing happens when any promotion exists or no release was seeded yet. The
 * policies are the configured ones; a lane whose approvers cannot be found stops a release there.
 */
export async function seedDemoPromotions(options: {
  stores: Stores;
  catalog: Pick<CatalogGateway, 'listSystems'> & PolicyCatalog;
  environments: EnvironmentPolicy[];
  policies: Map<string, NamedPolicy>;
  logger: LoggerService;
  scenarioOf?: DemoScenarioOf;
  now?: Date;
}): Promise<'seeded' | 'already-seeded' | 'nothing-to-seed'> {
  const { stores, catalog, environments, logger } = options;
  const scenarioOf = options.scenarioOf ?? namedScenarios;
  if ((await stores.promotions.list({ limit: 1 })).length > 0) {
    return 'already-seeded';
  }
  const now = (options.now ?? new Date()).getTime();
  const gates = new PromotionGates(
    stores,
    environments,
    options.policies,
    catalog,
  );
  const steps: Step[] = [];
  let promotions = 0;
  for (const [systemIndex, systemRef] of (
    await catalog.listSystems()
  ).entries()) {
    const scenario = scenarioOf(systemRef, systemIndex);
    const releases = (
      await stores.releases.list({ systemRef, limit: 200 })
    ).reverse();
    const lanes: Array<{
      env: EnvironmentPolicy;
      policy: PromotionPolicy;
      policyName?: string;
      members: string[];
    }> = [];
    for (const env of environments) {
      const { policy, policyName } = await gates.policyFor(
        systemRef,
        env,
        false,
      );
      lanes.push({
        env,
        policy,
        policyName,
        members: await catalog.getGroupMembers(policy.approvers),
      });
    }
    const random = seededRandom(`demo|${systemRef}|promotions`);
    const evidenceTypes = [
      ...new Set(lanes.flatMap(l => l.policy.requiredEvidence)),
    ];
    for (const [index, release] of releases.entries()) {
      const t0 = Date.parse(release.createdAt);
      const gap = Math.min(
        scenario.profile.laneDays * DAY,
        (now - t0 - HOUR) / (lanes.length + 1),
      );
      steps.push(
        ...evidenceSteps(release, evidenceTypes, t0 + 0.1 * gap, random),
      );
      const plans = plansFor(index, releases.length, lanes.length, scenario);
      for (const [k, plan] of plans.entries()) {
        const lane = lanes[k];
        const requester = k === 0 ? CI_ACTOR : release.createdBy;
        const eligible = eligibleApproversOf(
          lane.members,
          lane.policy,
          requester,
          release.createdBy,
        ).filter(user => user !== DEMO_VIEWER);
        if (
          eligible.length < lane.policy.minApprovals ||
          (plan === 'reject' && eligible.length === 0)
        ) {
          break;
        }
        const start = Math.floor(random.next() * eligible.length);
        const approvers = eligible.map(
          (_, i) => eligible[(start + i) % eligible.length],
        );
        steps.push(
          ...promotionSteps({
            release,
            environment: lane.env.name,
            policy: lane.policy,
            policyName: lane.policyName,
            requester,
            approvers: approvers.slice(
              0,
              Math.max(1, lane.policy.minApprovals),
            ),
            plan,
            at: t0 + HOUR + k * gap,
            gap,
          }),
        );
        promotions += 1;
        if (plan !== 'succeed') {
          break;
        }
      }
    }
  }
  if (steps.length === 0) {
    return 'nothing-to-seed';
  }
  steps.sort((a, b) => a.at - b.at);
  const outcome = await stores.transaction(async tx => {
    if ((await tx.promotions.list({ limit: 1 })).length > 0) {
      return 'already-seeded' as const;
    }
    for (const step of steps) {
      const at = new Date(Math.min(step.at, now - 60_000)).toISOString();
      const event = await step.apply(tx, at);
      if (event) {
        await tx.audit.append(event);
      }
    }
    return 'seeded' as const;
  });
  if (outcome === 'seeded') {
    logger.info(
      `Demo data: seeded ${promotions} promotions with their evidence and approvals`,
    );
  }
  return outcome;
}

function evidenceSteps(
  release: ReleaseSummary,
  types: string[],
  at: number,
  random: Random,
): Step[] {
  const all = [...types, 'dependency-audit'];
  return all.map((type, i) => ({
    at: at + i * 60_000,
    apply: async (tx, iso) => {
      const status =
        type === 'dependency-audit' && random.next() < 0.3 ? 'warn' : 'pass';
      const evidence = await tx.evidence.insert({
        id: randomUuid(random),
        releaseId: release.id,
        type,
        status,
        url: `https://ci.acme.example/${release.systemRef.split('/')[1]}/${
          release.version
        }/${type}`,
        summary:
          status === 'warn'
            ? '2 outdated dependencies with low-severity advisories'
            : `${type} passed`,
        createdBy: CI_ACTOR,
        createdAt: iso,
      });
      return {
        actor: CI_ACTOR,
        action: 'evidence.attached',
        entityRef: release.systemRef,
        subjectType: 'evidence',
        subjectId: evidence.id,
        summary: `${type} evidence (${status}) attached to ${release.systemRef} ${release.version} (demo data)`,
        createdAt: iso,
      };
    },
  }));
}

function promotionSteps(options: {
  release: ReleaseSummary;
  environment: string;
  policy: PromotionPolicy;
  policyName?: string;
  requester: string;
  approvers: string[];
  plan: LanePlan;
  at: number;
  gap: number;
}): Step[] {
  const { release, environment, policy, requester, plan, at, gap } = options;
  const id = randomUuid(seededRandom(`${release.id}:${environment}`));
  const subject = `Promotion of ${release.systemRef} ${release.version} to ${environment}`;
  const event = (
    actor: string,
    action: string,
    summary: string,
    iso: string,
  ): NewAuditEvent => ({
    actor,
    action,
    entityRef: release.systemRef,
    subjectType: 'promotion',
    subjectId: id,
    summary: `${subject} ${summary} (demo data)`,
    createdAt: iso,
  });
  const initial: PromotionState =
    policy.minApprovals > 0 ? 'pending_approval' : 'approved';
  const steps: Step[] = [
    {
      at,
      apply: async (tx, iso) => {
        await tx.promotions.insertUnlessOpen({
          id,
          releaseId: release.id,
          systemRef: release.systemRef,
          environment,
          state: initial,
          requestedBy: requester,
          rollback: false,
          policyName: options.policyName,
          policy,
          createdAt: iso,
        });
        return event(
          requester,
          'promotion.requested',
          `requested (${initial.replace('_', ' ')})`,
          iso,
        );
      },
    },
  ];
  const move = (
    offset: number,
    from: PromotionState,
    to: PromotionState,
    actor: string,
    reason?: string,
  ): Step => ({
    at: at + offset * gap,
    apply: async (tx, iso) => {
      await tx.promotions.transition(id, {
        from,
        to,
        actor,
        reason,
        createdAt: iso,
      });
      return event(actor, `promotion.${to}`, to.replace('_', ' '), iso);
    },
  });
  if (plan === 'pending' && initial === 'pending_approval') {
    return steps;
  }
  if (initial === 'pending_approval') {
    const voters =
      plan === 'reject'
        ? options.approvers.slice(0, 1)
        : options.approvers.slice(0, policy.minApprovals);
    for (const [i, voter] of voters.entries()) {
      steps.push({
        at: at + (0.1 + 0.05 * i) * gap,
        apply: async (tx, iso) => {
          const decision = plan === 'reject' ? 'reject' : 'approve';
          await tx.promotions.insertApproval({
            id: randomUuid(seededRandom(`${id}:${voter}`)),
            promotionId: id,
            approver: voter,
            decision,
            comment:
              decision === 'reject' ? REJECTION : 'Evidence and diff reviewed',
            createdAt: iso,
          });
          if (decision === 'approve') {
            await tx.promotions.incrementApprovalCount(id, iso);
          }
          return event(
            voter,
            'approval.recorded',
            `${decision === 'approve' ? 'approved' : 'rejected'} by ${voter}`,
            iso,
          );
        },
      });
    }
    const last = voters[voters.length - 1];
    steps.push(
      move(
        0.1 + 0.05 * voters.length,
        'pending_approval',
        plan === 'reject' ? 'rejected' : 'approved',
        last,
      ),
    );
    if (plan === 'reject') {
      return steps;
    }
  }
  if (plan === 'pending') {
    return steps;
  }
  steps.push(
    move(0.3, 'approved', 'deploying', CI_ACTOR),
    move(0.4, 'deploying', 'succeeded', CI_ACTOR),
  );
  return steps;
}
