import { parseEntityRef } from '@backstage/catalog-model';
import {
  ChangeApprovals,
  laneApprovalsNeeded,
  ownersApproveInstead,
  OwnerGroupApproval,
  Promotion,
  PromotionPolicy,
  ReleaseSummary,
  UnmetCondition,
} from '@release-orchestration/plugin-release-orchestration-common';
import { Stores } from '../../database/types';
import { attachCommits } from '../attachCommits';
import { PolicyCatalog } from '../CatalogGateway';
import { diffManifests } from '../diffManifests';

export { laneApprovalsNeeded, ownersApproveInstead };

/** Commits read per changed component when looking for their authors. */
const COMMITS_PER_COMPONENT = 1000;

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** Whether the policy asks for the owners-of-changes work at all. */
export function asksForChangeApprovals(policy: PromotionPolicy): boolean {
  return Boolean(
    policy.ownersOfChangesApprove || policy.commitAuthorsCannotApprove,
  );
}

/** The release a lane runs now: its newest succeeded release deployment, else its newest succeeded promotion. */
async function currentReleaseOf(
  stores: Stores,
  systemRef: string,
  environment: string,
): Promise<ReleaseSummary | undefined> {
  const [deployed] = await stores.drift.succeededReleaseDeployments(
    systemRef,
    [environment],
    1,
  );
  const id =
    deployed?.releaseId ??
    (await stores.promotions.listSucceeded(systemRef, environment))[0]
      ?.releaseId;
  return id ? stores.releases.get(id) : undefined;
}

/**
 * Works out, for a promotion of `release` into `environment` under `policy`, the owning groups
 * of the components whose version changes against the release the lane runs (added, changed and
 * removed components; their catalog `spec.owner` when it is a Group) and the catalog users who
 * authored the commits it brings in. Undefined when the policy asks for neither.
 */
export async function workOutChangeApprovals(
  stores: Stores,
  catalog: PolicyCatalog,
  release: ReleaseSummary,
  environment: string,
  policy: PromotionPolicy,
): Promise<ChangeApprovals | undefined> {
  if (!asksForChangeApprovals(policy)) {
    return undefined;
  }
  const base = await currentReleaseOf(stores, release.systemRef, environment);
  // Into a lane that runs nothing yet, every component is new there.
  const [mine, theirs] = await Promise.all([
    stores.releases.getManifest(release.id),
    base ? stores.releases.getManifest(base.id) : Promise.resolve([]),
  ]);
  const changes = (
    await attachCommits(
      stores.builds,
      diffManifests(mine, theirs),
      mine,
      theirs,
      COMMITS_PER_COMPONENT,
    )
  ).filter(c => c.change !== 'unchanged');

  const ownerGroups: OwnerGroupApproval[] = [];
  const unownedComponents: string[] = [];
  if (policy.ownersOfChangesApprove) {
    const refs = changes.map(c => c.componentRef);
    const owners = catalog.getComponentOwners
      ? await catalog.getComponentOwners(refs)
      : new Map<string, string | undefined>();
    const byGroup = new Map<string, string[]>();
    for (const ref of refs) {
      const owner = owners.get(ref);
      if (owner && owner.startsWith('group:')) {
        byGroup.set(owner, [...(byGroup.get(owner) ?? []), ref]);
      } else {
        unownedComponents.push(ref);
      }
    }
    for (const [group, components] of [...byGroup].sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      ownerGroups.push({ group, components: components.sort() });
    }
  }

  let commitAuthors: string[] = [];
  if (policy.commitAuthorsCannotApprove && catalog.findCommitAuthorUsers) {
    const authors = [
      ...new Set(
        changes.flatMap(c =>
          (c.commits ?? []).flatMap(commit =>
            commit.author ? [commit.author] : [],
          ),
        ),
      ),
    ];
    commitAuthors =
      authors.length > 0 ? await catalog.findCommitAuthorUsers(authors) : [];
  }
  return {
    ...(base ? { against: { id: base.id, version: base.version } } : {}),
    ownerGroups,
    unownedComponents: unownedComponents.sort(),
    commitAuthors,
  };
}

/** Whether a promotion needs any approval (approver groups or owning groups) before it is approved. */
export function needsApproval(
  policy: PromotionPolicy,
  changeApprovals: ChangeApprovals | undefined,
): boolean {
  return (
    laneApprovalsNeeded(policy, changeApprovals) > 0 ||
    (changeApprovals?.ownerGroups.length ?? 0) > 0
  );
}

/** The owning groups of a promotion that have not approved yet. */
export function ownerGroupsStillToApprove(
  changeApprovals: ChangeApprovals | undefined,
): OwnerGroupApproval[] {
  return (changeApprovals?.ownerGroups ?? []).filter(g => !g.approvedBy);
}

/** Whether `user` authored a commit the promotion brings in, and the policy bars them for it. */
export function isBarredCommitAuthor(
  policy: PromotionPolicy,
  changeApprovals: ChangeApprovals | undefined,
  user: string,
): boolean {
  return Boolean(
    policy.commitAuthorsCannotApprove &&
      changeApprovals?.commitAuthors.includes(lower(user)),
  );
}

/** A group's name for a person: `payments-team` for `group:default/payments-team`. */
export function groupName(ref: string): string {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}

/** e.g. `checkout-team (cart, checkout-web)`. */
export function describeOwnerGroup(group: OwnerGroupApproval): string {
  return `${groupName(group.group)} (${group.components
    .map(groupName)
    .join(', ')})`;
}

/**
 * The gate conditions of the owners-of-changes options: an owning group nobody may approve for
 * (no members, or only the requester, the release author under separation of duties, or commit
 * authors). `membersOf` gives each group's members.
 */
export function ownerGroupConditions(options: {
  release: ReleaseSummary;
  environment: string;
  policy: PromotionPolicy;
  changeApprovals: ChangeApprovals | undefined;
  requester: string;
  membersOf: Map<string, string[]>;
}): UnmetCondition[] {
  const { release, environment, policy, changeApprovals, requester } = options;
  const unmet: UnmetCondition[] = [];
  for (const group of changeApprovals?.ownerGroups ?? []) {
    const eligible = eligibleForGroup(
      options.membersOf.get(group.group) ?? [],
      policy,
      changeApprovals,
      requester,
      release.createdBy,
    );
    if (eligible.length === 0) {
      unmet.push({
        code: 'owner-group-cannot-approve',
        message: `${groupName(group.group)} owns ${group.components.join(
          ', ',
        )}, which release ${
          release.version
        } changes in ${environment}, and must approve, but none of its members can${
          policy.separationOfDuties || policy.commitAuthorsCannotApprove
            ? ` (not counting ${[
                ...(policy.separationOfDuties
                  ? ['the requester', 'the release author']
                  : []),
                ...(policy.commitAuthorsCannotApprove
                  ? ['authors of the commits it brings in']
                  : []),
              ].join(', ')})`
            : ''
        }; add members to ${group.group} or change the component's owner`,
      });
    }
  }
  return unmet;
}

/** Members of an owning group who may approve for it. */
export function eligibleForGroup(
  members: string[],
  policy: PromotionPolicy,
  changeApprovals: ChangeApprovals | undefined,
  requester: string,
  releaseAuthor: string,
): string[] {
  return members.filter(
    user =>
      !(
        policy.separationOfDuties &&
        (lower(user) === lower(requester) ||
          lower(user) === lower(releaseAuthor))
      ) && !isBarredCommitAuthor(policy, changeApprovals, user),
  );
}

/** The owning groups of a promotion, each with its members, read once. */
export async function membersOfOwnerGroups(
  catalog: PolicyCatalog,
  changeApprovals: ChangeApprovals | undefined,
): Promise<Map<string, string[]>> {
  const groups = changeApprovals?.ownerGroups ?? [];
  return new Map(
    await Promise.all(
      groups.map(
        async g =>
          [g.group, await catalog.getGroupMembers([g.group])] as [
            string,
            string[],
          ],
      ),
    ),
  );
}

/**
 * What one approve vote by `voter` would count for on a pending promotion: the approver-group
 * count, and the owning groups (still unapproved) the voter is a member of.
 */
export function whatAVoteCountsFor(options: {
  promotion: Promotion;
  voter: string;
  inApproverGroup: boolean;
  memberOfOwnerGroup: (group: string) => boolean;
}): { lane: boolean; ownerGroups: string[] } {
  const { promotion, voter, inApproverGroup } = options;
  const changeApprovals = promotion.changeApprovals;
  return {
    lane:
      inApproverGroup &&
      !ownersApproveInstead(promotion.policy, changeApprovals) &&
      !isBarredCommitAuthor(promotion.policy, changeApprovals, voter),
    ownerGroups: isBarredCommitAuthor(promotion.policy, changeApprovals, voter)
      ? []
      : ownerGroupsStillToApprove(changeApprovals)
          .map(g => g.group)
          .filter(options.memberOfOwnerGroup),
  };
}

/** For the audit summary of a request: `; owning groups to approve: checkout-team (cart); commit authors who cannot approve: user:default/bob`. */
export function describeChangeApprovals(
  changeApprovals: ChangeApprovals | undefined,
): string {
  if (!changeApprovals) {
    return '';
  }
  const groups = changeApprovals.ownerGroups.map(describeOwnerGroup);
  return `${
    groups.length > 0 ? `; owning groups to approve: ${groups.join(', ')}` : ''
  }${
    changeApprovals.commitAuthors.length > 0
      ? `; commit authors who cannot approve: ${changeApprovals.commitAuthors.join(
          ', ',
        )}`
      : ''
  }`;
}

/**
 * Why a vote by someone with these memberships would count for nothing on a pending promotion,
 * or undefined when it counts (for the approver groups or an owning group still to approve).
 * Commit authors and separation of duties are checked before.
 */
export function whyVoteDoesNotCount(
  promotion: Promotion,
  memberships: { inApproverGroup: boolean; ownerGroups: string[] },
): string | undefined {
  const changeApprovals = promotion.changeApprovals;
  const instead = ownersApproveInstead(promotion.policy, changeApprovals);
  if (memberships.inApproverGroup && !instead) {
    return undefined;
  }
  const groups = changeApprovals?.ownerGroups ?? [];
  const mine = groups.filter(g => memberships.ownerGroups.includes(g.group));
  if (mine.some(g => !g.approvedBy)) {
    return undefined;
  }
  if (mine.length > 0) {
    return `${mine
      .map(g => `${groupName(g.group)} already approved (${g.approvedBy})`)
      .join(
        ', ',
      )}; one approval per owning group, and you are in no approver group of this lane`;
  }
  if (instead) {
    return `The owners of what changed approve this promotion instead of the approver groups: ${groups
      .map(describeOwnerGroup)
      .join(', ')}, and you are a member of none of them`;
  }
  const approverGroups = promotion.policy.approvers.join(', ') || 'none';
  return groups.length > 0
    ? `You are not a member of an approver group (${approverGroups}) or of an owning group of what changed (${groups
        .map(g => g.group)
        .join(', ')})`
    : `You are not a member of an approver group of this promotion (${approverGroups})`;
}
