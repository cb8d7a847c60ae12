import { InputError } from '@backstage/errors';
import {
  ChangeApprovals,
  EnvironmentPolicy,
  FreezeWindow,
  Promotion,
  PromotionPolicy,
  ReleaseSummary,
  UnmetCondition,
} from '@release-orchestration/plugin-release-orchestration-common';
import { NamedPolicy, POLICY_ANNOTATION } from '../config/readNamedPolicies';
import { Stores } from '../database/types';
import { PolicyCatalog } from './CatalogGateway';
import { evaluatePromotionGates } from './evaluatePromotionGates';
import { evaluateSoak, SoakStatus } from './evaluateSoak';
import { combineSoaks } from './combineSoaks';
import { predecessorsOf } from '../config/laneGraph';
import {
  RecurringFreezeSchedule,
  RecurringFreezeSource,
} from './freezes/recurringFreezes';
import { OPEN_PROMOTION_STATES } from './promotionTransitions';
import { resolvePolicy } from './resolvePolicy';
import {
  eligibleForGroup,
  isBarredCommitAuthor,
  laneApprovalsNeeded,
  membersOfOwnerGroups,
  ownerGroupConditions,
  workOutChangeApprovals,
} from './owners/ownersOfChanges';

/** The outcome of the gates of one promotion request. */
export interface GateEvaluation {
  environment: EnvironmentPolicy;
  policy: PromotionPolicy;
  policyName?: string;
  unmetConditions: UnmetCondition[];
  /** Freeze windows in force now for the System and environment. */
  freezes: FreezeWindow[];
  /** Users who could approve a request by the requester. */
  eligibleApprovers: string[];
  /** When the soak in the previous lane is over, while it is running. */
  readyAt?: string;
  /** Owning groups that must approve and commit authors, when the policy asks for them. */
  changeApprovals?: ChangeApprovals;
}

/** Who may approve: members of the approver groups, minus the requester and author under SoD. */
export function eligibleApproversOf(
  members: string[],
  policy: PromotionPolicy,
  requester: string,
  releaseAuthor: string,
): string[] {
  return members.filter(
    user =>
      !policy.separationOfDuties ||
      (user !== requester && user !== releaseAuthor),
  );
}

/**
 * Collects what the gates of a promotion request look at (the System's named policy, evidence,
 * the previous lane, freezes, open promotions, approver groups) and evaluates them. Reads only;
 * the request itself re-checks what replicas could race on inside its transaction.
 */
export class PromotionGates {
  constructor(
    private readonly stores: Stores,
    private readonly environments: EnvironmentPolicy[],
    private readonly policies: Map<string, NamedPolicy>,
    private readonly catalog: PolicyCatalog,
    private readonly recurringFreezes: RecurringFreezeSource = new RecurringFreezeSchedule(),
  ) {}

  /**
   * Freeze windows in force at `at` in the lane for the System: one-off freezes of the database and
   * the recurring windows (of app-config and declared in the portal), which hold promotions alike.
   */
  async activeFreezes(
    environment: string,
    systemRef: string,
    at: string,
  ): Promise<FreezeWindow[]> {
    const [stored, recurring] = await Promise.all([
      this.stores.freezes.listActive(environment, at),
      this.recurringFreezes.load(),
    ]);
    return [
      ...stored.filter(
        f => f.systems.length === 0 || f.systems.includes(systemRef),
      ),
      ...recurring.activeAt(environment, new Date(at), systemRef),
    ];
  }

  /** The configured lane, or a 400 that lists the lanes. */
  requireEnvironment(name: string, field = 'environment'): EnvironmentPolicy {
    const env = this.environments.find(e => e.name === name);
    if (!env) {
      throw new InputError(
        `${field}: '${name}' is not a configured environment; the lanes are ${this.environments
          .map(e => e.name)
          .join(', ')}`,
      );
    }
    return env;
  }

  /** The policy the System's annotation selects for the lane, and an unknown name if any. */
  async policyFor(
    systemRef: string,
    environment: EnvironmentPolicy,
    rollback: boolean,
  ) {
    const annotations = await this.catalog.getSystemAnnotations(systemRef);
    const policyName = annotations?.[POLICY_ANNOTATION]?.trim() || undefined;
    const named = policyName ? this.policies.get(policyName) : undefined;
    return {
      policy: resolvePolicy(environment, named, rollback),
      policyName: named ? policyName : undefined,
      unknownPolicyName: policyName && !named ? policyName : undefined,
    };
  }

  /**
   * Every lane with the policy the System's annotation makes effective there (and for
   * rollbacks), in promotion order; undefined when the catalog has no such System.
   */
  async effectiveEnvironments(
    systemRef: string,
  ): Promise<Array<EnvironmentPolicy & { policyName?: string }> | undefined> {
    const annotations = await this.catalog.getSystemAnnotations(systemRef);
    if (!annotations) {
      return undefined;
    }
    const policyName = annotations[POLICY_ANNOTATION]?.trim() || undefined;
    const named = policyName ? this.policies.get(policyName) : undefined;
    return this.environments.map(env => ({
      name: env.name,
      title: env.title,
      ...(env.after ? { after: env.after } : {}),
      ...resolvePolicy(env, named, false),
      rollback: resolvePolicy(env, named, true),
      ...(named && named.environments.has(env.name) ? { policyName } : {}),
    }));
  }

  /** Who may vote on a stored promotion, per the policy it was requested under. */
  async eligibleApproversOf(
    promotion: Promotion,
    releaseAuthor: string,
  ): Promise<string[]> {
    const changeApprovals = promotion.changeApprovals;
    const members = await this.catalog.getGroupMembers([
      ...(laneApprovalsNeeded(promotion.policy, changeApprovals) > 0
        ? promotion.policy.approvers
        : []),
      ...(changeApprovals?.ownerGroups ?? [])
        .filter(g => !g.approvedBy)
        .map(g => g.group),
    ]);
    return eligibleApproversOf(
      members,
      promotion.policy,
      promotion.requestedBy,
      releaseAuthor,
    ).filter(
      user => !isBarredCommitAuthor(promotion.policy, changeApprovals, user),
    );
  }

  /**
   * Which of a promotion's groups `voter` is a member of: an approver group (any), and which of
   * its owning groups (approved or not).
   */
  async voterMemberships(
    promotion: Promotion,
    voter: string,
  ): Promise<{ inApproverGroup: boolean; ownerGroups: string[] }> {
    const me = voter.toLocaleLowerCase('en-US');
    const owners = promotion.changeApprovals?.ownerGroups ?? [];
    const [approvers, ...ownerMembers] = await Promise.all([
      this.catalog.getGroupMembers(promotion.policy.approvers),
      ...owners.map(g => this.catalog.getGroupMembers([g.group])),
    ]);
    return {
      inApproverGroup: approvers.includes(me),
      ownerGroups: owners
        .filter((_, i) => ownerMembers[i].includes(me))
        .map(g => g.group),
    };
  }

  async evaluate(options: {
    release: ReleaseSummary;
    environment: EnvironmentPolicy;
    requester: string;
    rollback: boolean;
    at: string;
  }): Promise<GateEvaluation> {
    const { release, environment, requester, rollback, at } = options;
    const previousEnvironments = this.predecessorsOf(environment.name);
    const { policy, policyName, unknownPolicyName } = await this.policyFor(
      release.systemRef,
      environment,
      rollback,
    );
    const [notSucceededIn, evidence, activeFreezes, promotions, members] =
      await Promise.all([
        policy.requirePreviousEnvironment
          ? this.notSucceededIn(release.id, previousEnvironments)
          : Promise.resolve([]),
        this.stores.evidence.listForRelease(release.id),
        this.activeFreezes(environment.name, release.systemRef, at),
        this.stores.promotions.listForRelease(release.id),
        policy.minApprovals > 0
          ? this.catalog.getGroupMembers(policy.approvers)
          : Promise.resolve([]),
      ]);
    const soak = policy.minSoakSeconds
      ? await this.soakAfter(
          release.id,
          environment.name,
          policy.minSoakSeconds,
          at,
        )
      : undefined;
    const open = promotions.find(
      p =>
        p.environment === environment.name &&
        OPEN_PROMOTION_STATES.includes(p.state),
    );
    const changeApprovals = await workOutChangeApprovals(
      this.stores,
      this.catalog,
      release,
      environment.name,
      policy,
    );
    const eligibleApprovers = eligibleApproversOf(
      members,
      policy,
      requester,
      release.createdBy,
    ).filter(user => !isBarredCommitAuthor(policy, changeApprovals, user));
    const unmetConditions = evaluatePromotionGates({
      release,
      environment,
      previousEnvironments,
      policy,
      unknownPolicyName,
      succeededInPrevious: notSucceededIn.length === 0,
      notSucceededIn,
      evidence,
      openPromotion: open ? { id: open.id, state: open.state } : undefined,
      activeFreezes,
      eligibleApprovers,
      soak,
    });
    // Who could approve: with owners of what changed, also the owning groups' members who may.
    let whoCanApprove = eligibleApprovers;
    if (changeApprovals) {
      // Owning groups that approve instead leave nothing for the approver groups to give.
      const laneNeeded = laneApprovalsNeeded(policy, changeApprovals);
      const membersOf = await membersOfOwnerGroups(
        this.catalog,
        changeApprovals,
      );
      const ownerConditions = ownerGroupConditions({
        release,
        environment: environment.name,
        policy,
        changeApprovals,
        requester,
        membersOf,
      });
      unmetConditions.splice(
        0,
        unmetConditions.length,
        ...unmetConditions.filter(
          c => laneNeeded > 0 || c.code !== 'not-enough-approvers',
        ),
        ...ownerConditions,
      );
      whoCanApprove = [
        ...new Set([
          ...(laneNeeded > 0 ? eligibleApprovers : []),
          ...changeApprovals.ownerGroups.flatMap(g =>
            eligibleForGroup(
              membersOf.get(g.group) ?? [],
              policy,
              changeApprovals,
              requester,
              release.createdBy,
            ),
          ),
        ]),
      ].sort();
    }
    return {
      environment,
      policy,
      ...(policyName ? { policyName } : {}),
      unmetConditions,
      freezes: activeFreezes,
      eligibleApprovers: whoCanApprove,
      ...(soak?.state === 'soaking' ? { readyAt: soak.readyAt } : {}),
      ...(changeApprovals ? { changeApprovals } : {}),
    };
  }

  /** The soak of a release in a lane at `at`. */
  async soakOf(
    releaseId: string,
    environment: string,
    minSoakSeconds: number,
    at: string,
  ): Promise<SoakStatus> {
    const [succeededAt, incidents] = await Promise.all([
      this.stores.promotions.firstSucceededAt(releaseId, environment),
      this.stores.incidents.incidentWindowsOf(releaseId, environment),
    ]);
    return evaluateSoak({
      minSoakSeconds,
      succeededAt,
      incidents,
      now: new Date(at),
    });
  }

  /** When a blocked promotion's soak is over, while it runs; undefined otherwise. */
  async readyAtOf(
    promotion: Promotion,
    at = new Date().toISOString(),
  ): Promise<string | undefined> {
    const minSoak = promotion.policy.minSoakSeconds;
    const soak = minSoak
      ? await this.soakAfter(
          promotion.releaseId,
          promotion.environment,
          minSoak,
          at,
        )
      : undefined;
    return soak?.state === 'soaking' ? soak.readyAt : undefined;
  }

  /** Every lane's name, in graph order. */
  laneNames(): string[] {
    return this.environments.map(e => e.name);
  }

  /** The lanes `environment` comes after (its `after`), in graph order. */
  predecessorsOf(environment: string): EnvironmentPolicy[] {
    return predecessorsOf(this.environments, environment);
  }

  /** Of `lanes`, those the release has no `succeeded` promotion into. */
  async notSucceededIn(
    releaseId: string,
    lanes: EnvironmentPolicy[],
  ): Promise<EnvironmentPolicy[]> {
    const succeeded = await Promise.all(
      lanes.map(lane =>
        this.stores.promotions.hasSucceeded(releaseId, lane.name),
      ),
    );
    return lanes.filter((_, i) => !succeeded[i]);
  }

  /**
   * The soak of a release before `environment`: in every lane it comes after, the one furthest
   * from done (combineSoaks); undefined for a lane that comes after none.
   */
  async soakAfter(
    releaseId: string,
    environment: string,
    minSoakSeconds: number,
    at: string,
  ): Promise<SoakStatus | undefined> {
    return combineSoaks(
      await Promise.all(
        this.predecessorsOf(environment).map(lane =>
          this.soakOf(releaseId, lane.name, minSoakSeconds, at),
        ),
      ),
    );
  }
}
