import { Knex } from 'knex';
import {
  Approval,
  ChangeApprovals,
  Promotion,
  PromotionState,
  PromotionTransition,
} from '@release-orchestration/plugin-release-orchestration-common';
import {
  ChangeApprovalColumns,
  changeApprovalColumns,
  changeApprovalPolicy,
  claimOwnerGroups,
  insertOwnerGroups,
  listPendingOwnerGroups,
  readChangeApprovals,
  whereVotableByGroups,
} from './changeApprovalRows';
import { isPostgres } from './dialect';
import { toIso } from './timestamps';
import { pageNewestFirst } from './whereBeforeCursor';
import {
  NewApproval,
  NewPromotion,
  NewTransition,
  PromotionFilter,
  PromotionListFilter,
  PromotionStore,
  SucceededPromotion,
} from './promotionStoreTypes';

type PromotionRow = {
  id: string;
  release_id: string;
  system_ref: string;
  environment: string;
  state: PromotionState;
  requested_by: string;
  justification: string | null;
  rollback: boolean | number;
  emergency_override_justification: string | null;
  emergency_override_by: string | null;
  emergency_override_freeze_ids: string | null;
  blocked_reason: string | null;
  policy_name: string | null;
  approvers: string;
  min_approvals: number | string;
  separation_of_duties: boolean | number;
  required_evidence: string;
  require_previous_environment: boolean | number;
  /** `service` or null; absent from rows read before the evidence_from migration. */
  evidence_from?: string | null;
  /** Absent from rows read before the promotion_soak migration. */
  min_soak_seconds?: number | string | null;
  approval_count: number | string;
  created_at: Date | string;
  updated_at: Date | string;
} & ChangeApprovalColumns;

type ApprovalRow = {
  id: string;
  promotion_id: string;
  approver: string;
  decision: Approval['decision'];
  comment: string | null;
  created_at: Date | string;
};

type TransitionRow = {
  promotion_id: string;
  sequence: number | string;
  from_state: PromotionState | null;
  to_state: PromotionState;
  actor: string;
  reason: string | null;
  created_at: Date | string;
};

const OPEN_STATES: PromotionState[] = [
  'blocked',
  'pending_approval',
  'approved',
  'deploying',
];

function toApproval(row: ApprovalRow): Approval {
  return {
    id: row.id,
    promotionId: row.promotion_id,
    approver: row.approver,
    decision: row.decision,
    ...(row.comment ? { comment: row.comment } : {}),
    createdAt: toIso(row.created_at),
  };
}

function toTransition(row: TransitionRow): PromotionTransition {
  return {
    ...(row.from_state ? { from: row.from_state } : {}),
    to: row.to_state,
    actor: row.actor,
    ...(row.reason ? { reason: row.reason } : {}),
    createdAt: toIso(row.created_at),
  };
}

function toPromotion(
  row: PromotionRow & { release_version: string },
  approvals: Approval[],
  transitions: PromotionTransition[],
  changeApprovals?: ChangeApprovals,
): Promotion {
  return {
    id: row.id,
    releaseId: row.release_id,
    releaseVersion: row.release_version,
    systemRef: row.system_ref,
    environment: row.environment,
    state: row.state,
    requestedBy: row.requested_by,
    ...(row.justification ? { justification: row.justification } : {}),
    rollback: Boolean(row.rollback),
    ...(row.emergency_override_justification
      ? {
          emergencyOverride: {
            justification: row.emergency_override_justification,
            by: row.emergency_override_by ?? row.requested_by,
            freezeIds: JSON.parse(row.emergency_override_freeze_ids ?? '[]'),
          },
        }
      : {}),
    ...(row.blocked_reason ? { blockedReason: row.blocked_reason } : {}),
    ...(row.policy_name ? { policyName: row.policy_name } : {}),
    policy: {
      approvers: JSON.parse(row.approvers),
      minApprovals: Number(row.min_approvals),
      separationOfDuties: Boolean(row.separation_of_duties),
      requiredEvidence: JSON.parse(row.required_evidence),
      requirePreviousEnvironment: Boolean(row.require_previous_environment),
      ...(row.evidence_from === 'service'
        ? { evidenceFrom: 'service' as const }
        : {}),
      ...(row.min_soak_seconds
        ? { minSoakSeconds: Number(row.min_soak_seconds) }
        : {}),
      ...changeApprovalPolicy(row),
    },
    approvalCount: Number(row.approval_count),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    approvals,
    ...(changeApprovals ? { changeApprovals } : {}),
    transitions,
  };
}

/** Knex implementation of {@link PromotionStore}. */
export class DatabasePromotionStore implements PromotionStore {
  constructor(private readonly db: Knex) {}

  async insertUnlessOpen(promotion: NewPromotion) {
    const row: PromotionRow = {
      id: promotion.id,
      release_id: promotion.releaseId,
      system_ref: promotion.systemRef,
      environment: promotion.environment,
      state: promotion.state,
      requested_by: promotion.requestedBy,
      justification: promotion.justification ?? null,
      rollback: promotion.rollback,
      emergency_override_justification:
        promotion.emergencyOverride?.justification ?? null,
      emergency_override_by: promotion.emergencyOverride?.by ?? null,
      emergency_override_freeze_ids: promotion.emergencyOverride
        ? JSON.stringify(promotion.emergencyOverride.freezeIds)
        : null,
      blocked_reason: promotion.blockedReason ?? null,
      policy_name: promotion.policyName ?? null,
      approvers: JSON.stringify(promotion.policy.approvers),
      min_approvals: promotion.policy.minApprovals,
      separation_of_duties: promotion.policy.separationOfDuties,
      required_evidence: JSON.stringify(promotion.policy.requiredEvidence),
      require_previous_environment: promotion.policy.requirePreviousEnvironment,
      evidence_from: promotion.policy.evidenceFrom ?? null,
      min_soak_seconds: promotion.policy.minSoakSeconds ?? null,
      ...changeApprovalColumns(promotion.policy, promotion.changeApprovals),
      approval_count: 0,
      created_at: promotion.createdAt,
      updated_at: promotion.createdAt,
    };
    // Any unique violation, including the partial index on open promotions, is ignored; the
    // stored rows then decide. On PostgreSQL the insert waits for a racing transaction first.
    await this.db<PromotionRow>('promotions').insert(row).onConflict().ignore();
    const stored = await this.db('promotions')
      .where({ id: promotion.id })
      .first('id');
    if (!stored) {
      const open = await this.db('promotions')
        .where({
          release_id: promotion.releaseId,
          environment: promotion.environment,
        })
        .whereIn('state', OPEN_STATES)
        .first('id');
      return {
        inserted: false as const,
        openId: open?.id as string | undefined,
      };
    }
    if (promotion.policy.approvers.length > 0) {
      await this.db('promotion_approver_groups').insert(
        promotion.policy.approvers.map(group => ({
          promotion_id: promotion.id,
          group_ref: group,
        })),
      );
    }
    await insertOwnerGroups(
      this.db,
      promotion.id,
      promotion.changeApprovals?.ownerGroups ?? [],
    );
    await this.addTransition(promotion.id, {
      to: promotion.state,
      actor: promotion.requestedBy,
      reason: promotion.blockedReason,
      createdAt: promotion.createdAt,
    });
    return { inserted: true as const };
  }

  async get(id: string) {
    const [promotion] = await this.hydrate(
      await this.baseQuery().where('p.id', id),
    );
    return promotion;
  }

  async getForUpdate(id: string) {
    if (isPostgres(this.db)) {
      await this.db('audit_head').where({ id: 1 }).forUpdate().select('id');
      await this.db('promotions').where({ id }).forUpdate().select('id');
    }
    return this.get(id);
  }

  async transition(
    id: string,
    change: NewTransition & { from: PromotionState; blockedReason?: string },
  ) {
    const updated = await this.db('promotions')
      .where({ id, state: change.from })
      .update({
        state: change.to,
        updated_at: change.createdAt,
        blocked_reason:
          change.to === 'blocked' ? change.blockedReason ?? null : null,
      });
    if (updated !== 1) {
      return false;
    }
    await this.addTransition(id, change);
    return true;
  }

  async insertApproval(approval: NewApproval) {
    await this.db<ApprovalRow>('approvals')
      .insert({
        id: approval.id,
        promotion_id: approval.promotionId,
        approver: approval.approver,
        decision: approval.decision,
        comment: approval.comment ?? null,
        created_at: approval.createdAt,
      })
      .onConflict(['promotion_id', 'approver'])
      .ignore();
    const stored = await this.db('approvals')
      .where({ id: approval.id })
      .first('id');
    return stored !== undefined;
  }

  async incrementApprovalCount(id: string, updatedAt: string) {
    const updated = await this.db('promotions')
      .where({ id, state: 'pending_approval' })
      .update({
        approval_count: this.db.raw('approval_count + 1'),
        updated_at: updatedAt,
      });
    if (updated !== 1) {
      return undefined;
    }
    const row = await this.db('promotions')
      .where({ id })
      .first('approval_count');
    return Number(row.approval_count);
  }

  async claimOwnerGroups(
    promotionId: string,
    groups: string[],
    approval: { id: string; approver: string; at: string },
  ) {
    return claimOwnerGroups(this.db, promotionId, groups, approval);
  }

  async listForRelease(releaseId: string) {
    return this.hydrate(
      await this.baseQuery()
        .where('p.release_id', releaseId)
        .orderBy([
          { column: 'p.created_at', order: 'desc' },
          { column: 'p.id', order: 'desc' },
        ]),
    );
  }

  async list(filter: PromotionListFilter) {
    return this.hydrate(
      await this.whereFilter(
        pageNewestFirst(this.baseQuery(), filter, 'p'),
        filter,
      ),
    );
  }

  async countBySystem(filter: PromotionFilter) {
    const rows: Array<{ system_ref: string; n: number | string }> =
      await this.whereFilter(
        this.db('promotions as p')
          .join('releases as r', 'r.id', 'p.release_id')
          .select('p.system_ref')
          .count({ n: '*' })
          .groupBy('p.system_ref'),
        filter,
      );
    return new Map(rows.map(r => [r.system_ref, Number(r.n)]));
  }

  /** The filters of the list and the count, on `promotions as p` joined to `releases as r`. */
  private whereFilter<Q extends Knex.QueryBuilder>(
    query: Q,
    filter: PromotionFilter,
  ): Q {
    if (filter.state) {
      query.where('p.state', filter.state);
    }
    if (filter.environment) {
      query.where('p.environment', filter.environment);
    }
    if (filter.systemRef) {
      query.where('p.system_ref', filter.systemRef);
    }
    if (filter.votableBy) {
      const { userRef, groups } = filter.votableBy;
      whereVotableByGroups(
        this.db,
        query.where('p.state', 'pending_approval'),
        groups,
      )
        .whereNotExists(q =>
          q
            .select(this.db.raw('1'))
            .from('approvals as a')
            .whereRaw('a.promotion_id = p.id')
            .where('a.approver', userRef),
        )
        .where(q =>
          q
            .where('p.separation_of_duties', false)
            .orWhere(q2 =>
              q2
                .whereNot('p.requested_by', userRef)
                .whereNot('r.created_by', userRef),
            ),
        );
    }
    return query;
  }

  async listPendingApproverGroups(filter: {
    environment?: string;
    systemRef?: string;
  }) {
    const query = this.db('promotion_approver_groups as g')
      .join('promotions as p', 'p.id', 'g.promotion_id')
      .where('p.state', 'pending_approval')
      .distinct('g.group_ref');
    if (filter.environment) {
      query.where('p.environment', filter.environment);
    }
    if (filter.systemRef) {
      query.where('p.system_ref', filter.systemRef);
    }
    const owners = await listPendingOwnerGroups(this.db, filter);
    return [
      ...new Set([...(await query).map(r => r.group_ref as string), ...owners]),
    ].sort();
  }

  async firstSucceededAt(releaseId: string, environment: string) {
    const row = await this.db('promotions')
      .where({ release_id: releaseId, environment, state: 'succeeded' })
      .orderBy('updated_at')
      .first('updated_at');
    return row ? toIso(row.updated_at) : undefined;
  }

  async hasSucceeded(releaseId: string, environment: string) {
    const row = await this.db('promotions')
      .where({ release_id: releaseId, environment, state: 'succeeded' })
      .first('id');
    return row !== undefined;
  }

  async listSucceeded(
    systemRef: string,
    environment: string,
  ): Promise<SucceededPromotion[]> {
    const rows = await this.db('promotions as p')
      .join('releases as r', 'r.id', 'p.release_id')
      .where({
        'p.system_ref': systemRef,
        'p.environment': environment,
        'p.state': 'succeeded',
      })
      .orderBy([
        { column: 'p.updated_at', order: 'desc' },
        { column: 'p.id', order: 'desc' },
      ])
      .select(
        'p.id',
        'p.release_id',
        'p.rollback',
        'p.updated_at',
        'r.created_at as release_created_at',
      );
    return rows.map(r => ({
      promotionId: r.id,
      releaseId: r.release_id,
      releaseCreatedAt: toIso(r.release_created_at),
      rollback: Boolean(r.rollback),
      succeededAt: toIso(r.updated_at),
    }));
  }

  async latestDeployedReleaseId(systemRef: string, environment: string) {
    const row = await this.db('promotions as p')
      .join('promotion_transitions as t', 't.promotion_id', 'p.id')
      .where({
        'p.system_ref': systemRef,
        'p.environment': environment,
        't.to_state': 'deploying',
      })
      .orderBy([
        { column: 't.created_at', order: 'desc' },
        { column: 'p.id', order: 'desc' },
      ])
      .first('p.release_id');
    return row?.release_id as string | undefined;
  }

  async listBlocked(limit: number) {
    return this.hydrate(
      await this.baseQuery()
        .where('p.state', 'blocked')
        .orderBy([
          { column: 'p.created_at', order: 'asc' },
          { column: 'p.id', order: 'asc' },
        ])
        .limit(limit),
    );
  }

  private baseQuery() {
    return this.db('promotions as p')
      .join('releases as r', 'r.id', 'p.release_id')
      .select('p.*', 'r.version as release_version');
  }

  private async addTransition(promotionId: string, change: NewTransition) {
    const last = await this.db('promotion_transitions')
      .where({ promotion_id: promotionId })
      .max({ sequence: 'sequence' })
      .first();
    await this.db<TransitionRow>('promotion_transitions').insert({
      promotion_id: promotionId,
      sequence: Number(last?.sequence ?? 0) + 1,
      from_state: change.from ?? null,
      to_state: change.to,
      actor: change.actor,
      reason: change.reason ?? null,
      created_at: change.createdAt,
    });
  }

  private async hydrate(
    rows: Array<PromotionRow & { release_version: string }>,
  ) {
    if (rows.length === 0) {
      return [];
    }
    const ids = rows.map(r => r.id);
    const [approvalRows, transitionRows, changeApprovals] = await Promise.all([
      this.db<ApprovalRow>('approvals')
        .whereIn('promotion_id', ids)
        .orderBy([
          { column: 'created_at', order: 'asc' },
          { column: 'id', order: 'asc' },
        ]),
      this.db<TransitionRow>('promotion_transitions')
        .whereIn('promotion_id', ids)
        .orderBy([
          { column: 'promotion_id', order: 'asc' },
          { column: 'sequence', order: 'asc' },
        ]),
      readChangeApprovals(this.db, rows),
    ]);
    const approvals = new Map<string, Approval[]>();
    for (const row of approvalRows) {
      approvals.set(row.promotion_id, [
        ...(approvals.get(row.promotion_id) ?? []),
        toApproval(row),
      ]);
    }
    const transitions = new Map<string, PromotionTransition[]>();
    for (const row of transitionRows) {
      transitions.set(row.promotion_id, [
        ...(transitions.get(row.promotion_id) ?? []),
        toTransition(row),
      ]);
    }
    return rows.map(row =>
      toPromotion(
        row,
        approvals.get(row.id) ?? [],
        transitions.get(row.id) ?? [],
        changeApprovals.get(row.id),
      ),
    );
  }
}
