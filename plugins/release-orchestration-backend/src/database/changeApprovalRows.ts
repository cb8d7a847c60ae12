import { Knex } from 'knex';
import {
  ChangeApprovals,
  OwnerGroupApproval,
  PromotionPolicy,
} from '@release-orchestration/plugin-release-orchestration-common';
import { toIso } from './timestamps';

/** The promotions columns of the owners-of-changes options (migration 20261206113000). */
export type ChangeApprovalColumns = {
  /** Absent from rows read before the change_approvals migration. */
  owners_of_changes_approve?: string | null;
  commit_authors_cannot_approve?: boolean | number | null;
  change_approvals?: string | null;
};

type OwnerGroupRow = {
  promotion_id: string;
  group_ref: string;
  components: string;
  approval_id: string | null;
  approved_by: string | null;
  approved_at: Date | string | null;
};

/** What the promotions row stores of a new promotion's options and change approvals. */
export function changeApprovalColumns(
  policy: PromotionPolicy,
  changeApprovals: ChangeApprovals | undefined,
): Required<ChangeApprovalColumns> {
  return {
    owners_of_changes_approve: policy.ownersOfChangesApprove ?? null,
    commit_authors_cannot_approve: policy.commitAuthorsCannotApprove ?? null,
    change_approvals: changeApprovals
      ? JSON.stringify({
          ...(changeApprovals.against
            ? { against: changeApprovals.against }
            : {}),
          unownedComponents: changeApprovals.unownedComponents,
          commitAuthors: changeApprovals.commitAuthors,
        })
      : null,
  };
}

/** The policy fields of the options, read back from a promotions row. */
export function changeApprovalPolicy(
  row: ChangeApprovalColumns,
): Pick<
  PromotionPolicy,
  'ownersOfChangesApprove' | 'commitAuthorsCannotApprove'
> {
  const mode = row.owners_of_changes_approve;
  return {
    ...(mode === 'also' || mode === 'instead'
      ? { ownersOfChangesApprove: mode }
      : {}),
    ...(row.commit_authors_cannot_approve
      ? { commitAuthorsCannotApprove: true }
      : {}),
  };
}

/** Stores the owning groups a new promotion needs, none approved yet. */
export async function insertOwnerGroups(
  db: Knex,
  promotionId: string,
  groups: OwnerGroupApproval[],
) {
  if (groups.length === 0) {
    return;
  }
  await db<OwnerGroupRow>('promotion_owner_groups').insert(
    groups.map(g => ({
      promotion_id: promotionId,
      group_ref: g.group,
      components: JSON.stringify(g.components),
      approval_id: null,
      approved_by: null,
      approved_at: null,
    })),
  );
}

/**
 * Counts one approve vote for each of `groups` that no vote counted for yet; returns the groups
 * it counted for. The conditional update makes concurrent votes of two members count once.
 */
export async function claimOwnerGroups(
  db: Knex,
  promotionId: string,
  groups: string[],
  approval: { id: string; approver: string; at: string },
): Promise<string[]> {
  const claimed: string[] = [];
  for (const group of groups) {
    const updated = await db('promotion_owner_groups')
      .where({ promotion_id: promotionId, group_ref: group })
      .whereNull('approved_by')
      .update({
        approval_id: approval.id,
        approved_by: approval.approver,
        approved_at: approval.at,
      });
    if (updated === 1) {
      claimed.push(group);
    }
  }
  return claimed;
}

/** The change approvals of the promotions among `rows` whose policy asks for them. */
export async function readChangeApprovals(
  db: Knex,
  rows: Array<ChangeApprovalColumns & { id: string }>,
): Promise<Map<string, ChangeApprovals>> {
  const result = new Map<string, ChangeApprovals>();
  const withOptions = rows.filter(r => r.change_approvals);
  if (withOptions.length === 0) {
    return result;
  }
  const groupRows = await db<OwnerGroupRow>('promotion_owner_groups')
    .whereIn(
      'promotion_id',
      withOptions.map(r => r.id),
    )
    .orderBy([
      { column: 'promotion_id', order: 'asc' },
      { column: 'group_ref', order: 'asc' },
    ]);
  const groups = new Map<string, OwnerGroupApproval[]>();
  for (const row of groupRows) {
    groups.set(row.promotion_id, [
      ...(groups.get(row.promotion_id) ?? []),
      {
        group: row.group_ref,
        components: JSON.parse(row.components),
        ...(row.approved_by
          ? {
              approvedBy: row.approved_by,
              approvedAt: toIso(row.approved_at!),
            }
          : {}),
      },
    ]);
  }
  for (const row of withOptions) {
    const stored = JSON.parse(row.change_approvals!);
    result.set(row.id, {
      ...(stored.against ? { against: stored.against } : {}),
      ownerGroups: groups.get(row.id) ?? [],
      unownedComponents: stored.unownedComponents ?? [],
      commitAuthors: stored.commitAuthors ?? [],
    });
  }
  return result;
}

/**
 * Narrows a promotion query to those `groups` may vote on: an approver group among them (unless
 * owning groups approve instead, and there are some), or an owning group among them that has not
 * approved yet.
 */
export function whereVotableByGroups(
  db: Knex,
  query: Knex.QueryBuilder,
  groups: string[],
) {
  const list = groups.length > 0 ? groups : ['-'];
  const ownerGroups = (q: Knex.QueryBuilder) =>
    q
      .select(db.raw('1'))
      .from('promotion_owner_groups as o')
      .whereRaw('o.promotion_id = p.id');
  return query.where(outer =>
    outer
      .where(q =>
        q
          .whereExists(sub =>
            sub
              .select(db.raw('1'))
              .from('promotion_approver_groups as g')
              .whereRaw('g.promotion_id = p.id')
              .whereIn('g.group_ref', list),
          )
          .where(q2 =>
            q2
              .whereNull('p.owners_of_changes_approve')
              .orWhereNot('p.owners_of_changes_approve', 'instead')
              .orWhereNotExists(ownerGroups),
          ),
      )
      .orWhereExists(sub =>
        ownerGroups(sub)
          .whereNull('o.approved_by')
          .whereIn('o.group_ref', list),
      ),
  );
}

/** Owning groups of pending promotions that have not approved yet. */
export async function listPendingOwnerGroups(
  db: Knex,
  filter: { environment?: string; systemRef?: string },
): Promise<string[]> {
  const query = db('promotion_owner_groups as o')
    .join('promotions as p', 'p.id', 'o.promotion_id')
    .where('p.state', 'pending_approval')
    .whereNull('o.approved_by')
    .distinct('o.group_ref');
  if (filter.environment) {
    query.where('p.environment', filter.environment);
  }
  if (filter.systemRef) {
    query.where('p.system_ref', filter.systemRef);
  }
  return (await query).map(r => r.group_ref as string);
}
