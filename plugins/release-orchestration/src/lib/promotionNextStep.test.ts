import {
  promotionLanes,
  promotionOf,
} from '../__testUtils__/promotionFixtures';
import { testId } from '../__testUtils__/testId';
import {
  canWithdraw,
  missingPromoteReason,
  promotionNextStep,
} from './promotionNextStep';
import { releaseLanes } from './promotionLanes';

const me = 'user:default/guest';

describe('promotionNextStep', () => {
  it('tells the requester that another approver must vote when duties are separated', () => {
    const pending = promotionOf(testId('p'), 'production', {
      state: 'pending_approval',
      requestedBy: me,
    });
    expect(promotionNextStep(pending, { userRef: me, canVote: false })).toBe(
      'You requested this; another approver must vote (1 more approval needed from release-managers).',
    );
  });

  it('tells an approver they can vote, and anybody else why they cannot', () => {
    const pending = promotionOf(testId('p'), 'production', {
      state: 'pending_approval',
      requestedBy: 'user:default/bob',
    });
    expect(promotionNextStep(pending, { userRef: me, canVote: true })).toBe(
      'Waiting for approval: 1 more approval needed from release-managers. You can vote below.',
    );
    expect(promotionNextStep(pending, { userRef: me, canVote: false })).toMatch(
      /You are not among the approvers who can vote on it now\.$/,
    );
  });

  it('names the owning groups still to approve, and tells a commit author they cannot', () => {
    const base = promotionOf(testId('p'), 'staging', {
      state: 'pending_approval',
      requestedBy: 'user:default/carol',
    });
    const pending = {
      ...base,
      policy: {
        ...base.policy,
        approvers: ['group:default/engineering'],
        minApprovals: 1,
        ownersOfChangesApprove: 'also' as const,
        commitAuthorsCannotApprove: true,
      },
      approvalCount: 1,
      changeApprovals: {
        ownerGroups: [
          {
            group: 'group:default/platform-team',
            components: ['component:default/identity-service'],
          },
        ],
        unownedComponents: [],
        commitAuthors: ['user:default/bob'],
      },
    };
    expect(
      promotionNextStep(pending, {
        userRef: 'user:default/bob',
        canVote: false,
      }),
    ).toBe(
      'Waiting for approval: approval from each owning group of what changed: platform-team. You authored a commit in this release, so you cannot approve it; someone else must.',
    );
    expect(promotionNextStep(pending, { userRef: me, canVote: true })).toBe(
      'Waiting for approval: approval from each owning group of what changed: platform-team. You can vote below.',
    );
  });

  it('says an approved promotion waits for the deployment pipeline', () => {
    const approved = promotionOf(testId('p'), 'dev', { state: 'approved' });
    expect(promotionNextStep(approved, { canVote: false })).toMatch(
      /^Approved — waiting for the deployment pipeline .* through the CLI or the API/,
    );
  });

  it('names the next lane after a success, and says when there is none', () => {
    const done = promotionOf(testId('p'), 'dev');
    expect(promotionNextStep(done, { canVote: false }, 'Staging')).toBe(
      'Deployed here. Next: promote to Staging.',
    );
    expect(promotionNextStep(done, { canVote: false })).toBe(
      'Deployed here; this is the last lane.',
    );
  });

  it('has words for every state', () => {
    for (const state of [
      'blocked',
      'pending_approval',
      'approved',
      'deploying',
      'succeeded',
      'failed',
      'rejected',
      'cancelled',
    ] as const) {
      const promotion = promotionOf(testId('p'), 'staging', { state });
      expect(promotionNextStep(promotion, { canVote: false })).not.toBe('');
    }
  });
});

describe('canWithdraw', () => {
  it('lets only the requester withdraw, and only while it waits', () => {
    const of = (state: 'pending_approval' | 'blocked' | 'approved') =>
      promotionOf(testId('p'), 'staging', { state, requestedBy: me });
    expect(
      canWithdraw(of('pending_approval'), { userRef: me, canVote: false }),
    ).toBe(true);
    expect(canWithdraw(of('blocked'), { userRef: me, canVote: false })).toBe(
      true,
    );
    expect(canWithdraw(of('approved'), { userRef: me, canVote: false })).toBe(
      false,
    );
    expect(
      canWithdraw(of('pending_approval'), {
        userRef: 'user:default/bob',
        canVote: false,
      }),
    ).toBe(false);
    expect(canWithdraw(of('pending_approval'), { canVote: false })).toBe(false);
  });
});

describe('missingPromoteReason', () => {
  it('says Staging appears once Development succeeded', () => {
    const lanes = releaseLanes(promotionLanes, [
      promotionOf(testId('p'), 'dev', { state: 'approved' }),
    ]);
    expect(missingPromoteReason(lanes[1], lanes[0], true)).toBe(
      'Promote to Staging appears once Development succeeded.',
    );
    // Development has its promotion open: it explains itself.
    expect(missingPromoteReason(lanes[0], undefined, true)).toBeUndefined();
  });

  it('says when the user may not promote, and nothing when the button is there', () => {
    const lanes = releaseLanes(promotionLanes, []);
    expect(missingPromoteReason(lanes[0], undefined, false)).toMatch(
      /^You may not request promotions for this System/,
    );
    expect(missingPromoteReason(lanes[0], undefined, true)).toBeUndefined();
  });
});
