import { InputError } from '@backstage/errors';
import {
  Page,
  Promotion,
  PromotionQueueItem,
  PromotionState,
  ReleaseSummary,
} from '@release-orchestration/plugin-release-orchestration-common';
import { Stores } from '../database/types';
import { PolicyCatalog } from './CatalogGateway';
import { decodeCursor, toPage } from './pagination';
import { summarizeEvidence } from './summarizeEvidence';
import { whyCannotVote } from './whyCannotVote';

/** Filters of the promotion list and approval queue. */
export interface PromotionQuery {
  state?: PromotionState;
  /** Only what the caller may vote on now. */
  approver?: 'me';
  environment?: string;
  systemRef?: string;
  limit: number;
  cursor?: string;
}

/**
 * Lists promotions newest first, and the approval queue: the pending promotions the caller may
 * vote on (a member of an approver group, no vote yet, separation of duties respected), each
 * with its release, an evidence summary and its age.
 */
export class PromotionQueueService {
  constructor(
    private readonly stores: Stores,
    private readonly catalog: PolicyCatalog,
    private readonly now: () => Date = () => new Date(),
    /** When a blocked promotion's soak time is over, while it runs (PromotionGates.readyAtOf). */
    private readonly readyAtOf: (
      promotion: Promotion,
    ) => Promise<string | undefined> = async () => undefined,
  ) {}

  async list(
    query: PromotionQuery,
    caller: string,
  ): Promise<Page<PromotionQueueItem>> {
    const cursor = decodeCursor(query.cursor);
    const votableBy = await this.votableBy(query, caller);
    if (votableBy === 'nothing') {
      return { items: [] };
    }
    const promotions = await this.stores.promotions.list({
      state: query.state,
      environment: query.environment,
      systemRef: query.systemRef,
      votableBy,
      limit: query.limit + 1,
      cursor,
    });
    const page = toPage(promotions, query.limit);
    const releaseIds = [...new Set(page.items.map(p => p.releaseId))];
    const [releases, evidence, readyAts] = await Promise.all([
      Promise.all(releaseIds.map(id => this.stores.releases.get(id))),
      this.stores.evidence.listForReleases(releaseIds),
      Promise.all(
        page.items.map(p =>
          p.state === 'blocked' && p.policy.minSoakSeconds
            ? this.readyAtOf(p)
            : undefined,
        ),
      ),
    ]);
    const byId = new Map(
      releases
        .filter((r): r is ReleaseSummary => r !== undefined)
        .map(r => [r.id, r]),
    );
    const now = this.now().getTime();
    return {
      ...page,
      items: page.items.map((promotion, index) => ({
        promotion,
        release: byId.get(promotion.releaseId)!,
        evidence: summarizeEvidence(
          evidence.get(promotion.releaseId) ?? [],
          promotion.environment,
          promotion.policy.requiredEvidence,
          promotion.policy.evidenceFrom,
        ),
        ageSeconds: Math.max(
          0,
          Math.floor((now - Date.parse(promotion.createdAt)) / 1000),
        ),
        ...(readyAts[index] ? { readyAt: readyAts[index] } : {}),
      })),
    };
  }

  /**
   * How many promotions {@link PromotionQueueService.list} would list over all its pages, by
   * System (one grouped count in the database, no promotion read), so that the caller can leave
   * out the Systems it may not read: what a badge needs.
   */
  async countBySystem(
    query: Omit<PromotionQuery, 'limit' | 'cursor'>,
    caller: string,
  ): Promise<Map<string, number>> {
    const votableBy = await this.votableBy(query, caller);
    if (votableBy === 'nothing') {
      return new Map();
    }
    return this.stores.promotions.countBySystem({
      state: query.state,
      environment: query.environment,
      systemRef: query.systemRef,
      votableBy,
    });
  }

  /**
   * With `approver=me`, the caller and the approver groups of pending promotions they belong to;
   * `nothing` when the caller can vote on nothing (not a user, or in no such group).
   */
  private async votableBy(
    query: Omit<PromotionQuery, 'limit' | 'cursor'>,
    caller: string,
  ): Promise<{ userRef: string; groups: string[] } | undefined | 'nothing'> {
    if (query.approver !== 'me') {
      return undefined;
    }
    if (query.state && query.state !== 'pending_approval') {
      throw new InputError(
        'state: approver=me lists promotions waiting for approval; leave state out or use pending_approval',
      );
    }
    if (!caller.startsWith('user:')) {
      return 'nothing';
    }
    const groups = await this.groupsOf(caller, query);
    return groups.length === 0 ? 'nothing' : { userRef: caller, groups };
  }

  /**
   * Sets `canVote` and `cannotVoteReason` on the pending items: `permitted` are the Systems on
   * which the caller holds the approve permission; approver groups are looked up once each.
   */
  async withVoting(
    items: PromotionQueueItem[],
    caller: string,
    permitted: ReadonlySet<string>,
  ): Promise<PromotionQueueItem[]> {
    const pending = items.filter(i => i.promotion.state === 'pending_approval');
    const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
    const groups = [
      ...new Set(
        pending.flatMap(i => [
          ...i.promotion.policy.approvers.map(lower),
          ...(i.promotion.changeApprovals?.ownerGroups ?? []).map(g =>
            lower(g.group),
          ),
        ]),
      ),
    ];
    const memberOf = new Set<string>();
    if (caller.startsWith('user:')) {
      const me = lower(caller);
      await Promise.all(
        groups.map(async group => {
          if ((await this.catalog.getGroupMembers([group])).includes(me)) {
            memberOf.add(group);
          }
        }),
      );
    }
    return items.map(item => {
      if (item.promotion.state !== 'pending_approval') {
        return item;
      }
      const reason = whyCannotVote({
        promotion: item.promotion,
        releaseAuthor: item.release.createdBy,
        caller,
        permitted: permitted.has(item.promotion.systemRef),
        inApproverGroup: item.promotion.policy.approvers.some(g =>
          memberOf.has(lower(g)),
        ),
        ownerGroups: (item.promotion.changeApprovals?.ownerGroups ?? [])
          .map(g => g.group)
          .filter(g => memberOf.has(lower(g))),
      });
      return reason
        ? { ...item, canVote: false, cannotVoteReason: reason }
        : { ...item, canVote: true };
    });
  }

  /** The approver groups of pending promotions that the user belongs to (directly or through child groups). */
  private async groupsOf(
    userRef: string,
    query: Omit<PromotionQuery, 'limit' | 'cursor'>,
  ): Promise<string[]> {
    const groups = await this.stores.promotions.listPendingApproverGroups({
      environment: query.environment,
      systemRef: query.systemRef,
    });
    const memberships = await Promise.all(
      groups.map(async group =>
        (await this.catalog.getGroupMembers([group])).includes(userRef)
          ? group
          : undefined,
      ),
    );
    return memberships.filter((g): g is string => g !== undefined);
  }
}
