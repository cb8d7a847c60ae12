import { Promotion } from '@release-orchestration/plugin-release-orchestration-common';
import { whyCannotVote } from './whyCannotVote';

const promotion = (over: Partial<Promotion> = {}): Promotion =>
  ({
    id: 'p1',
    releaseId: 'r1',
    releaseVersion: '1.0.0',
    systemRef: 'system:default/payments',
    environment: 'production',
    state: 'pending_approval',
    requestedBy: 'user:default/dev1',
    approvalCount: 0,
    rollback: false,
    approvals: [],
    transitions: [],
    createdAt: '2026-12-06T08:00:00.000Z',
    updatedAt: '2026-12-06T08:00:00.000Z',
    policy: {
      approvers: ['group:default/release-managers', 'group:default/sre'],
      minApprovals: 1,
      separationOfDuties: true,
      requiredEvidence: [],
      requirePreviousEnvironment: true,
    },
    ...over,
  } as Promotion);

const base = {
  releaseAuthor: 'user:default/author',
  caller: 'user:default/rita',
  permitted: true,
  inApproverGroup: true,
};

describe('whyCannotVote', () => {
  it('lets an approver vote', () => {
    expect(whyCannotVote({ ...base, promotion: promotion() })).toBeUndefined();
  });

  it('says why not, in the order a person would fix it', () => {
    const cases: Array<[Partial<typeof base>, Partial<Promotion>, string]> = [
      [{}, { state: 'approved' }, 'It no longer waits for approval'],
      [
        { caller: 'service:external:ci' },
        {},
        'Only people can vote on promotions',
      ],
      [
        {},
        {
          approvals: [
            {
              id: 'a',
              promotionId: 'p1',
              approver: 'user:default/Rita',
              decision: 'reject',
              createdAt: '2026-12-06T08:00:00Z',
            },
          ],
        },
        'You already rejected it',
      ],
      [
        { caller: 'user:default/dev1' },
        {},
        'You requested this promotion; separation of duties means another approver must vote',
      ],
      [
        { caller: 'user:default/author' },
        {},
        'You cut this release; separation of duties means another approver must vote',
      ],
      [
        { inApproverGroup: false },
        {},
        'Only members of release-managers or sre can vote, and you are not one',
      ],
      [
        { inApproverGroup: false },
        { policy: { ...promotion().policy, approvers: [] } },
        'No approver group is set for this lane, so nobody can vote',
      ],
      [
        { permitted: false },
        {},
        'You do not have permission to approve promotions of payments',
      ],
    ];
    for (const [ctx, over, reason] of cases) {
      expect(
        whyCannotVote({ ...base, ...ctx, promotion: promotion(over) }),
      ).toBe(reason);
    }
  });

  it('lets the requester vote when the lane does not ask for separation of duties', () => {
    const p = promotion({
      policy: { ...promotion().policy, separationOfDuties: false },
    });
    expect(
      whyCannotVote({ ...base, caller: 'user:default/dev1', promotion: p }),
    ).toBeUndefined();
  });
});
