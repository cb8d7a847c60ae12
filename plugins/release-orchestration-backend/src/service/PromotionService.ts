import { newId } from '../database/newId';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AuditEvent,
  Promotion,
  PromotionCheck,
  PromotionState,
  ReleaseSummary,
  UnmetCondition,
  UnmetConditionCode,
} from '@release-orchestration/plugin-release-orchestration-common';
import { Stores } from '../database/types';
import { describeFreezes, quarantineCondition } from './evaluatePromotionGates';
import { formatDuration } from './evaluateSoak';
import { EventPublisher } from './EventPublisher';
import { findKnownGoodRelease } from './findKnownGoodRelease';
import { PromotionGates } from './PromotionGates';
import { PromotionNotifier } from './PromotionNotifier';
import {
  describeChangeApprovals,
  needsApproval,
} from './owners/ownersOfChanges';
import { PromotionRefusedError } from './PromotionRefusedError';
import {
  FanOutRequest,
  promotionsOfFanOut,
  requestFanOut,
} from './requestFanOut';
import { canTransition, isFinalState } from './promotionTransitions';
import {
  describePromotion,
  recordPromotionTransition,
} from './recordPromotionTransition';

/** A promotion request, validated. */
export interface PromotionRequest {
  releaseId: string;
  environment: string;
  justification?: string;
  emergencyOverride?: { justification: string };
  rollback?: boolean;
  /** When the request was made; now unless given (a fan-out stores one time for every lane). */
  requestedAt?: string;
}

/** A deployment's status, as the deployments service reports it. */
export type DeploymentOutcome = 'started' | 'succeeded' | 'failed';

/** Unmet conditions a request waits out (`blocked`) instead of being refused. */
const WAITING_CONDITIONS: readonly UnmetConditionCode[] = ['frozen', 'soaking'];

/** Who started the scheduled work that releases promotions from ended freezes. */
export const SCHEDULER_ACTOR = 'service:release-orchestration';

/**
 * Rules for promotions: the gates of the policy, one open promotion per release and lane,
 * freezes and emergency overrides, rollbacks, and every state change through the transition
 * table with its audit event.
 */
export class PromotionService {
  constructor(
    private readonly stores: Stores,
    private readonly gates: PromotionGates,
    private readonly notifier: PromotionNotifier,
    private readonly events: EventPublisher,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The lanes with the System's effective policies (`GET /environments?system=`). */
  async effectiveEnvironments(systemRef: string) {
    const environments = await this.gates.effectiveEnvironments(systemRef);
    if (!environments) {
      throw new NotFoundError(`No System ${systemRef} in the catalog`);
    }
    return environments;
  }

  async get(id: string): Promise<Promotion> {
    const promotion = await this.stores.promotions.get(id);
    if (!promotion) {
      throw new NotFoundError(`No promotion with id ${id}`);
    }
    return promotion;
  }

  /** What a request by `requester` would meet now, without changing anything. */
  async check(
    releaseId: string,
    environment: string,
    requester: string,
    rollback = false,
  ): Promise<PromotionCheck> {
    const release = await this.requireRelease(releaseId);
    const env = this.gates.requireEnvironment(environment);
    const evaluation = await this.gates.evaluate({
      release,
      environment: env,
      requester,
      rollback,
      at: this.now().toISOString(),
    });
    const refusing = evaluation.unmetConditions.filter(
      c => !WAITING_CONDITIONS.includes(c.code),
    );
    let outcome: PromotionCheck['outcome'];
    if (refusing.length > 0) {
      outcome = 'refused';
    } else if (evaluation.unmetConditions.length > 0) {
      outcome = 'blocked';
    } else {
      outcome = needsApproval(evaluation.policy, evaluation.changeApprovals)
        ? 'pending_approval'
        : 'approved';
    }
    return {
      releaseId,
      environment: env.name,
      rollback,
      ...(evaluation.policyName ? { policyName: evaluation.policyName } : {}),
      policy: evaluation.policy,
      outcome,
      unmetConditions: evaluation.unmetConditions,
      freezes: evaluation.freezes,
      eligibleApprovers: evaluation.eligibleApprovers,
      ...(evaluation.readyAt ? { readyAt: evaluation.readyAt } : {}),
      ...(evaluation.changeApprovals
        ? { changeApprovals: evaluation.changeApprovals }
        : {}),
    };
  }

  /**
   * Asks for a promotion. Unmet conditions refuse it (422, or 409 for an open promotion) with
   * every condition listed; a freeze stores it as `blocked` unless an emergency override is
   * given; with no approvals needed it is `approved` at once.
   */
  async request(input: PromotionRequest, actor: string): Promise<Promotion> {
    const { insert, finish } = await this.prepareRequest(input, actor);
    return finish(await this.stores.transaction(insert));
  }

  /** Promotes a release into several lanes at once, all or none (see requestFanOut). */
  async requestFanOut(
    input: FanOutRequest,
    actor: string,
  ): Promise<Promotion[]> {
    return requestFanOut(
      {
        stores: this.stores,
        promotions: this,
        requireEnvironment: (name, field) =>
          this.gates.requireEnvironment(name, field),
        lanes: this.gates.laneNames(),
        now: this.now,
      },
      input,
      actor,
    );
  }

  /** The promotions of the fan-out that made promotion `id` (to answer a retried request). */
  async fanOutOf(id: string): Promise<Promotion[]> {
    const first = await this.get(id);
    return promotionsOfFanOut(
      first,
      await this.stores.promotions.listForRelease(first.releaseId),
      this.gates.laneNames(),
    );
  }

  /**
   * Evaluates a request (refusing it as `request` does) and returns how to store it inside a
   * transaction and what to do once that committed (publish the event, notify approvers).
   */
  async prepareRequest(
    input: PromotionRequest,
    actor: string,
  ): Promise<{
    insert: (tx: Stores) => Promise<AuditEvent>;
    finish: (event: AuditEvent) => Promise<Promotion>;
  }> {
    const release = await this.requireRelease(input.releaseId);
    const env = this.gates.requireEnvironment(input.environment);
    const rollback = input.rollback ?? false;
    const at = input.requestedAt ?? this.now().toISOString();
    const evaluation = await this.gates.evaluate({
      release,
      environment: env,
      requester: actor,
      rollback,
      at,
    });
    const subject = describePromotion({
      ...release,
      releaseVersion: release.version,
      environment: env.name,
      rollback,
    });
    if (
      evaluation.unmetConditions.some(c => !WAITING_CONDITIONS.includes(c.code))
    ) {
      throw new PromotionRefusedError(evaluation.unmetConditions, subject);
    }
    const frozen = evaluation.freezes.length > 0;
    const override =
      frozen && input.emergencyOverride
        ? {
            justification: input.emergencyOverride.justification,
            by: actor,
            freezeIds: evaluation.freezes.map(f => f.id),
          }
        : undefined;
    // An emergency override passes a freeze, not the soak time.
    const soaking = evaluation.unmetConditions.filter(
      c => c.code === 'soaking',
    );
    let state: PromotionState;
    if ((frozen && !override) || soaking.length > 0) {
      state = 'blocked';
    } else {
      state = needsApproval(evaluation.policy, evaluation.changeApprovals)
        ? 'pending_approval'
        : 'approved';
    }
    const blockedReason =
      state === 'blocked'
        ? [
            ...(frozen && !override
              ? [`${env.name} is ${describeFreezes(evaluation.freezes)}`]
              : []),
            ...soaking.map(c => c.message),
          ].join('; ')
        : undefined;
    const id = newId();

    const insert = async (tx: Stores) => {
      // Serialises with a concurrent quarantine of the release (QuarantineService locks it too).
      const locked = await tx.releases.lock(release.id);
      const quarantined = locked && quarantineCondition(locked);
      if (quarantined) {
        throw new PromotionRefusedError([quarantined], subject);
      }
      const result = await tx.promotions.insertUnlessOpen({
        id,
        releaseId: release.id,
        systemRef: release.systemRef,
        environment: env.name,
        state,
        requestedBy: actor,
        justification: input.justification,
        rollback,
        emergencyOverride: override,
        blockedReason,
        policyName: evaluation.policyName,
        policy: evaluation.policy,
        ...(evaluation.changeApprovals
          ? { changeApprovals: evaluation.changeApprovals }
          : {}),
        createdAt: at,
      });
      if (!result.inserted) {
        throw new PromotionRefusedError(
          [
            {
              code: 'open-promotion',
              message: `release ${release.version} of ${
                release.systemRef
              } already has an open promotion into ${env.name}${
                result.openId ? ` (${result.openId})` : ''
              }; wait for it to finish or cancel it first`,
            },
          ],
          subject,
        );
      }
      const overrideText = override
        ? ` — EMERGENCY OVERRIDE of freeze (${evaluation.freezes
            .map(f => f.reason)
            .join('; ')}): ${override.justification}`
        : '';
      return tx.audit.append({
        actor,
        action: 'promotion.requested',
        entityRef: release.systemRef,
        subjectType: 'promotion',
        subjectId: id,
        summary: `${subject} requested (${state.replace('_', ' ')})${
          blockedReason ? `: ${blockedReason}` : ''
        }${overrideText}${describeChangeApprovals(evaluation.changeApprovals)}`,
        data: {
          releaseId: release.id,
          environment: env.name,
          state,
          rollback,
          ...(evaluation.policyName
            ? { policyName: evaluation.policyName }
            : {}),
          policy: evaluation.policy,
          ...(evaluation.changeApprovals
            ? { changeApprovals: evaluation.changeApprovals }
            : {}),
          ...(input.justification
            ? { justification: input.justification }
            : {}),
          ...(override ? { emergencyOverride: override } : {}),
        },
        createdAt: at,
      });
    };
    const finish = async (event: AuditEvent) => {
      await this.events.publish([event]);
      const promotion = await this.get(id);
      if (state === 'pending_approval') {
        await this.notifier.approvalNeeded(
          promotion,
          evaluation.eligibleApprovers,
        );
      }
      return promotion;
    };
    return { insert, finish };
  }

  /**
   * Where a rollback of `systemRef` in `environment` would go: `toRelease` when it succeeded
   * there before and is not what was last deployed, else the known-good release other than
   * what was last deployed. When there is none, why (as the refusal a rollback would get).
   */
  async rollbackTarget(
    systemRef: string,
    environment: string,
    toRelease?: string,
  ): Promise<
    | { target: ReleaseSummary; currentReleaseId?: string; refusal?: undefined }
    | {
        target?: undefined;
        currentReleaseId?: string;
        refusal: { condition: UnmetCondition; subject: string };
      }
  > {
    const env = this.gates.requireEnvironment(environment);
    const current = await this.stores.promotions.latestDeployedReleaseId(
      systemRef,
      env.name,
    );
    const currentReleaseId = current ?? undefined;
    if (toRelease) {
      const target = await this.stores.releases.get(toRelease);
      if (!target) {
        throw new NotFoundError(`toRelease: no release with id ${toRelease}`);
      }
      if (target.systemRef !== systemRef) {
        throw new InputError(
          `toRelease: release ${target.version} belongs to ${target.systemRef}, not ${systemRef}`,
        );
      }
      const subject = `Rollback of ${systemRef} to ${target.version} in ${env.name}`;
      if (!(await this.stores.promotions.hasSucceeded(target.id, env.name))) {
        return {
          currentReleaseId,
          refusal: {
            condition: {
              code: 'not-known-good',
              message: `release ${target.version} never succeeded in ${env.name}; a rollback can only go to a release that succeeded there before`,
            },
            subject,
          },
        };
      }
      if (target.id === current) {
        return {
          currentReleaseId,
          refusal: {
            condition: {
              code: 'not-known-good',
              message: `release ${target.version} is what ${env.name} was last deployed with; pick an earlier release`,
            },
            subject,
          },
        };
      }
      return { target, currentReleaseId };
    }
    const target = await findKnownGoodRelease(
      this.stores,
      systemRef,
      env.name,
      {
        exclude: releaseId => releaseId === current,
      },
    );
    if (!target) {
      return {
        currentReleaseId,
        refusal: {
          condition: {
            code: 'not-known-good',
            message: `no earlier release of ${systemRef} succeeded in ${env.name}; there is nothing known to be good to roll back to`,
          },
          subject: `Rollback of ${systemRef} in ${env.name}`,
        },
      };
    }
    return { target, currentReleaseId };
  }

  /**
   * What a rollback by `requester` would do now, changing nothing: its target and the gate
   * check of promoting it as a rollback, or why there is no target.
   */
  async checkRollback(
    systemRef: string,
    environment: string,
    requester: string,
    toRelease?: string,
  ): Promise<{
    target?: ReleaseSummary;
    currentReleaseId?: string;
    check?: PromotionCheck;
    refusal?: UnmetCondition;
  }> {
    const found = await this.rollbackTarget(systemRef, environment, toRelease);
    if (!found.target) {
      return {
        currentReleaseId: found.currentReleaseId,
        refusal: found.refusal.condition,
      };
    }
    return {
      target: found.target,
      currentReleaseId: found.currentReleaseId,
      check: await this.check(found.target.id, environment, requester, true),
    };
  }

  /**
   * Promotes the known-good release of a System in an environment, or a named earlier release
   * that succeeded there, as a rollback under the environment's rollback policy.
   */
  async rollback(
    systemRef: string,
    input: Omit<PromotionRequest, 'releaseId' | 'rollback'> & {
      toRelease?: string;
    },
    actor: string,
  ): Promise<Promotion> {
    const env = this.gates.requireEnvironment(input.environment);
    const { target, refusal } = await this.rollbackTarget(
      systemRef,
      env.name,
      input.toRelease,
    );
    if (!target) {
      throw new PromotionRefusedError([refusal.condition], refusal.subject);
    }
    return this.request(
      {
        releaseId: target.id,
        environment: env.name,
        justification: input.justification,
        emergencyOverride: input.emergencyOverride,
        rollback: true,
      },
      actor,
    );
  }

  /** Withdraws a request: the requester, or whoever `mayCancelAny`. */
  async cancel(
    id: string,
    options: { actor: string; mayCancelAny: boolean; reason?: string },
  ): Promise<Promotion> {
    const promotion = await this.get(id);
    if (!options.mayCancelAny && promotion.requestedBy !== options.actor) {
      throw new NotAllowedError(
        `Only the requester (${promotion.requestedBy}) or someone allowed release-orchestration.promotion.create may cancel this promotion`,
      );
    }
    const cancelled = await this.change(
      id,
      'cancelled',
      options.actor,
      options.reason,
    );
    if (promotion.state === 'pending_approval') {
      const release = await this.requireRelease(promotion.releaseId);
      await this.notifier.withdrawn(
        cancelled,
        await this.gates.eligibleApproversOf(cancelled, release.createdBy),
        options.actor,
      );
    }
    return cancelled;
  }

  /**
   * Tells the approvers of promotions that were withdrawn while pending (e.g. by a quarantine)
   * that no vote is needed any more.
   */
  async notifyWithdrawn(promotionIds: string[], actor: string): Promise<void> {
    for (const id of promotionIds) {
      const promotion = await this.get(id);
      if (
        promotion.state === 'cancelled' &&
        promotion.transitions.at(-1)?.from === 'pending_approval'
      ) {
        const release = await this.requireRelease(promotion.releaseId);
        await this.notifier.withdrawn(
          promotion,
          await this.gates.eligibleApproversOf(promotion, release.createdBy),
          actor,
        );
      }
    }
  }

  /** A pipeline moves an approved promotion through deployment. */
  async transition(
    id: string,
    to: 'deploying' | 'succeeded' | 'failed',
    options: { actor: string; reason?: string },
  ): Promise<Promotion> {
    await this.get(id);
    return this.change(id, to, options.actor, options.reason);
  }

  /**
   * Moves a promotion as the deployment that carries it out progresses, inside the caller's
   * transaction: `started` makes an approved promotion `deploying`; `succeeded` / `failed` make
   * it `succeeded` / `failed` (through `deploying` when no start was reported). Repeats, and
   * reports after the promotion finished, change nothing. A promotion that is not approved (or
   * further) is a 409. Returns the appended audit events, for the caller to publish after commit.
   *
   * Locks the promotion (after the audit chain head) until the caller's transaction ends.
   */
  async recordDeploymentOutcome(
    tx: Stores,
    promotionId: string,
    status: DeploymentOutcome,
    actor: string,
  ): Promise<AuditEvent[]> {
    let promotion = await tx.promotions.getForUpdate(promotionId);
    if (!promotion) {
      throw new NotFoundError(
        `promotionId: no promotion with id ${promotionId}`,
      );
    }
    if (
      isFinalState(promotion.state) &&
      (promotion.state === 'succeeded' || promotion.state === 'failed')
    ) {
      return [];
    }
    if (promotion.state !== 'approved' && promotion.state !== 'deploying') {
      throw new ConflictError(
        `promotionId: the promotion is ${promotion.state}; a deployment can only carry out an approved promotion`,
      );
    }
    const path: PromotionState[] =
      status === 'started' ? ['deploying'] : ['deploying', status];
    const at = this.now().toISOString();
    const events: AuditEvent[] = [];
    for (const to of path) {
      if (promotion.state === to) {
        continue;
      }
      if (!canTransition(promotion.state, to)) {
        break;
      }
      events.push(
        await recordPromotionTransition(tx, promotion, to, {
          actor,
          reason: `deployment ${status}`,
          at,
        }),
      );
      promotion = { ...promotion, state: to };
    }
    return events;
  }

  /**
   * Releases blocked promotions whose freeze windows and soak time are over (the soak is
   * re-evaluated under the policy the promotion was requested with): each goes to `pending_approval`
   * (or `approved` when its policy needs no approvals), one transaction each, safe to run on
   * every replica. Returns how many were released.
   */
  async releaseEndedFreezes(): Promise<number> {
    const at = this.now().toISOString();
    let released = 0;
    for (const blocked of await this.stores.promotions.listBlocked(500)) {
      const freezes = await this.gates.activeFreezes(
        blocked.environment,
        blocked.systemRef,
        at,
      );
      if (freezes.length > 0) {
        continue;
      }
      const previous = this.gates.predecessorsOf(blocked.environment);
      const minSoak = blocked.policy.minSoakSeconds;
      if (previous.length > 0 && minSoak) {
        const soak = await this.gates.soakAfter(
          blocked.releaseId,
          blocked.environment,
          minSoak,
          at,
        );
        if (soak?.state !== 'done') {
          continue;
        }
      }
      const wasSoaking = Boolean(
        previous.length > 0 &&
          minSoak &&
          /soaked in|open incident in/.test(blocked.blockedReason ?? ''),
      );
      const wasFrozen =
        !blocked.blockedReason || /frozen until/.test(blocked.blockedReason);
      const reason = [
        ...(wasFrozen ? ['the freeze window ended'] : []),
        ...(wasSoaking
          ? [
              `the ${formatDuration(minSoak!)} soak in ${previous
                .map(p => p.name)
                .join(' and ')} is over`,
            ]
          : []),
      ].join(' and ');
      const to: PromotionState = needsApproval(
        blocked.policy,
        blocked.changeApprovals,
      )
        ? 'pending_approval'
        : 'approved';
      const event = await this.stores.transaction(async tx => {
        const locked = await tx.promotions.getForUpdate(blocked.id);
        if (locked?.state !== 'blocked') {
          return undefined;
        }
        return recordPromotionTransition(tx, locked, to, {
          actor: SCHEDULER_ACTOR,
          reason: reason || 'nothing holds it any more',
          at,
        });
      });
      if (event) {
        released += 1;
        await this.events.publish([event]);
        if (to === 'pending_approval') {
          await this.notifyApprovers(await this.get(blocked.id));
        }
      }
    }
    return released;
  }

  private async notifyApprovers(promotion: Promotion) {
    const release = await this.requireRelease(promotion.releaseId);
    await this.notifier.approvalNeeded(
      promotion,
      await this.gates.eligibleApproversOf(promotion, release.createdBy),
    );
  }

  private async change(
    id: string,
    to: PromotionState,
    actor: string,
    reason?: string,
  ) {
    const at = this.now().toISOString();
    const event = await this.stores.transaction(async tx => {
      const locked = await tx.promotions.getForUpdate(id);
      if (!locked) {
        throw new NotFoundError(`No promotion with id ${id}`);
      }
      return recordPromotionTransition(tx, locked, to, { actor, reason, at });
    });
    await this.events.publish([event]);
    return this.get(id);
  }

  private async requireRelease(id: string) {
    const release = await this.stores.releases.get(id);
    if (!release) {
      throw new NotFoundError(`No release with id ${id}`);
    }
    return release;
  }
}
