import { ConflictError } from '@backstage/errors';
import { PromotionState } from '@release-orchestration/plugin-release-orchestration-common';
import {
  assertTransition,
  canTransition,
  isFinalState,
  OPEN_PROMOTION_STATES,
  PROMOTION_TRANSITIONS,
} from './promotionTransitions';

const allowed: Array<[PromotionState, PromotionState]> = [
  ['blocked', 'pending_approval'],
  ['blocked', 'approved'],
  ['blocked', 'cancelled'],
  ['pending_approval', 'approved'],
  ['pending_approval', 'rejected'],
  ['pending_approval', 'cancelled'],
  ['approved', 'deploying'],
  ['approved', 'cancelled'],
  ['deploying', 'succeeded'],
  ['deploying', 'failed'],
];

describe('promotion transitions', () => {
  const states = Object.keys(PROMOTION_TRANSITIONS) as PromotionState[];

  it('allows exactly the lifecycle edges and nothing else', () => {
    const edges = states.flatMap(from =>
      states.filter(to => canTransition(from, to)).map(to => [from, to]),
    );
    expect(edges.sort()).toEqual([...allowed].sort());
  });

  it('never leaves a final state and never skips approval or deployment', () => {
    for (const final of [
      'succeeded',
      'failed',
      'rejected',
      'cancelled',
    ] as PromotionState[]) {
      expect(isFinalState(final)).toBe(true);
      expect(OPEN_PROMOTION_STATES).not.toContain(final);
    }
    expect(canTransition('pending_approval', 'deploying')).toBe(false);
    expect(canTransition('approved', 'succeeded')).toBe(false);
    expect(canTransition('rejected', 'approved')).toBe(false);
    expect(canTransition('deploying', 'cancelled')).toBe(false);
  });

  it('explains a refused transition as a conflict naming what is still possible', () => {
    expect(() =>
      assertTransition('pending_approval', 'approved'),
    ).not.toThrow();
    expect(() => assertTransition('approved', 'succeeded')).toThrow(
      'The promotion is approved and cannot become succeeded; from approved it can only become deploying or cancelled',
    );
    expect(() => assertTransition('rejected', 'cancelled')).toThrow(
      'rejected is final',
    );
    expect(() => assertTransition('succeeded', 'failed')).toThrow(
      ConflictError,
    );
  });
});
