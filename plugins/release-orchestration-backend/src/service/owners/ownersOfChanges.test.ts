import {
  ChangeApprovals,
  Promotion,
  PromotionPolicy,
} from '@release-orchestration/plugin-release-orchestration-common';
import {
  laneApprovalsNeeded,
  needsApproval,
  whatAVoteCountsFor,
  whyVoteDoesNotCount,
} from './ownersOfChanges';

const policy = (extra: Partial<PromotionPolicy> = {}): PromotionPolicy => ({
  approvers: ['group:default/release-managers'],
  minApprovals: 1,
  separationOfDuties: true,
  requiredEvidence: [],
  requirePreviousEnvironment: false,
  ...extra,
});

const changes = (
  groups: Array<{ group: string; approvedBy?: string }>,
  commitAuthors: string[] = [],
): ChangeApprovals => ({
  ownerGroups: groups.map(g => ({
    ...g,
    components: [`component:default/${g.group.split('/')[1]}-svc`],
  })),
  unownedComponents: [],
  commitAuthors,
});

function promotion(
  p: PromotionPolicy,
  changeApprovals?: ChangeApprovals,
  approvalCount = 0,
): Promotion {
  return {
    id: 'p1',
    releaseId: 'r1',
    releaseVersion: '1.0.0',
    systemRef: 'system:default/shop',
    environment: 'production',
    state: 'pending_approval',
    requestedBy: 'user:default/dev1',
    rollback: false,
    policy: p,
    approvalCount,
    createdAt: '2026-12-06T10:00:00.000Z',
    updatedAt: '2026-12-06T10:00:00.000Z',
    approvals: [],
    transitions: [],
    ...(changeApprovals ? { changeApprovals } : {}),
  };
}

describe('owners of what changed', () => {
  const api = { group: 'group:default/api-team' };
  const web = { group: 'group:default/web-team' };

  it('needs the approvers and every owning group with `also`, only the owning groups with `instead`', () => {
    const also = policy({ ownersOfChangesApprove: 'also' });
    const instead = policy({ ownersOfChangesApprove: 'instead' });
    expect(laneApprovalsNeeded(also, changes([api]))).toBe(1);
    expect(laneApprovalsNeeded(instead, changes([api]))).toBe(0);
    // Instead, with no owning group found, the approvers approve.
    expect(laneApprovalsNeeded(instead, changes([]))).toBe(1);
    expect(needsApproval(policy({ minApprovals: 0 }), changes([api]))).toBe(
      true,
    );
    expect(needsApproval(policy({ minApprovals: 0 }), changes([]))).toBe(false);
  });

  it('counts a vote for the approvers and for each owning group of the voter not yet approved', () => {
    const p = promotion(
      policy({ ownersOfChangesApprove: 'also' }),
      changes([api, { ...web, approvedBy: 'user:default/wes' }]),
    );
    expect(
      whatAVoteCountsFor({
        promotion: p,
        voter: 'user:default/amir',
        inApproverGroup: true,
        memberOfOwnerGroup: () => true,
      }),
    ).toEqual({ lane: true, ownerGroups: ['group:default/api-team'] });
    // A commit author's vote counts for nothing.
    const authored = promotion(
      policy({
        ownersOfChangesApprove: 'also',
        commitAuthorsCannotApprove: true,
      }),
      changes([api], ['user:default/amir']),
    );
    expect(
      whatAVoteCountsFor({
        promotion: authored,
        voter: 'user:default/Amir',
        inApproverGroup: true,
        memberOfOwnerGroup: () => true,
      }),
    ).toEqual({ lane: false, ownerGroups: [] });
  });

  it('says why a vote would not count', () => {
    const p = promotion(
      policy({ ownersOfChangesApprove: 'also' }),
      changes([{ ...api, approvedBy: 'user:default/amy' }, web]),
    );
    expect(
      whyVoteDoesNotCount(p, {
        inApproverGroup: false,
        ownerGroups: ['group:default/api-team'],
      }),
    ).toBe(
      'api-team already approved (user:default/amy); one approval per owning group, and you are in no approver group of this lane',
    );
    expect(
      whyVoteDoesNotCount(p, { inApproverGroup: false, ownerGroups: [] }),
    ).toBe(
      'You are not a member of an approver group (group:default/release-managers) or of an owning group of what changed (group:default/api-team, group:default/web-team)',
    );
    expect(
      whyVoteDoesNotCount(p, {
        inApproverGroup: false,
        ownerGroups: ['group:default/web-team'],
      }),
    ).toBeUndefined();
    expect(
      whyVoteDoesNotCount(
        promotion(
          policy({ ownersOfChangesApprove: 'instead' }),
          changes([web]),
        ),
        { inApproverGroup: true, ownerGroups: [] },
      ),
    ).toBe(
      'The owners of what changed approve this promotion instead of the approver groups: web-team (web-team-svc), and you are a member of none of them',
    );
  });
});
