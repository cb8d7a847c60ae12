import {
  devPromotion,
  promotionLanes,
  promotionOf,
  stagingPromotion,
} from '../__testUtils__/promotionFixtures';
import { describePolicy, releaseLanes, shortRef } from './promotionLanes';

const summary = (lanes: ReturnType<typeof releaseLanes>) =>
  lanes.map(l => ({
    name: l.name,
    promotions: l.promotions.map(p => p.id),
    open: l.open?.id,
    succeeded: l.succeeded,
    promotable: l.promotable,
  }));

describe('releaseLanes', () => {
  it('offers the first lane to a release promoted nowhere, and later lanes only after their previous one', () => {
    expect(summary(releaseLanes(promotionLanes, []))).toEqual([
      {
        name: 'dev',
        promotions: [],
        open: undefined,
        succeeded: false,
        promotable: true,
      },
      {
        name: 'staging',
        promotions: [],
        open: undefined,
        succeeded: false,
        promotable: false,
      },
      {
        name: 'production',
        promotions: [],
        open: undefined,
        succeeded: false,
        promotable: false,
      },
    ]);
  });

  it('offers the lane after the last success, and none that holds an open promotion', () => {
    expect(
      summary(
        releaseLanes(promotionLanes, [devPromotion, stagingPromotion]),
      ).map(l => l.promotable),
    ).toEqual([false, false, true]);

    const pending = promotionOf('p', 'production', {
      state: 'pending_approval',
      createdAt: '2026-03-06T00:00:00.000Z',
    });
    const failed = promotionOf('f', 'production', {
      state: 'failed',
      createdAt: '2026-03-05T20:00:00.000Z',
    });
    const lanes = releaseLanes(promotionLanes, [
      failed,
      devPromotion,
      pending,
      stagingPromotion,
    ]);
    expect(summary(lanes)[2]).toEqual({
      name: 'production',
      promotions: ['p', 'f'],
      open: 'p',
      succeeded: false,
      promotable: false,
    });
  });

  it('offers a lane again after a failed or rejected promotion, and any lane that does not need the previous one', () => {
    const failed = promotionOf('f', 'production', { state: 'failed' });
    expect(
      releaseLanes(promotionLanes, [devPromotion, stagingPromotion, failed])[2]
        .promotable,
    ).toBe(true);

    const lanes = promotionLanes.map(l => ({
      ...l,
      requirePreviousEnvironment: false,
    }));
    expect(releaseLanes(lanes, []).map(l => l.promotable)).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('keeps promotions into lanes app-config no longer defines, last and not promotable', () => {
    const old = { ...promotionOf('o', 'dev'), environment: 'qa' };
    const lanes = releaseLanes(promotionLanes, [old]);
    expect(lanes.map(l => l.name)).toEqual([
      'dev',
      'staging',
      'production',
      'qa',
    ]);
    expect(lanes[3]).toMatchObject({
      title: 'qa',
      succeeded: true,
      promotable: false,
    });
    expect(lanes[3].policy).toBeUndefined();
  });
});

describe('describePolicy', () => {
  it('says what a lane takes in a few words', () => {
    expect(describePolicy(promotionLanes[2])).toEqual([
      '1 approval from release-managers',
      'separation of duties',
      'evidence: unit-tests, security-scan',
      'previous lane first',
    ]);
    expect(describePolicy(promotionLanes[0])).toEqual(['no approval needed']);
    expect(
      describePolicy({
        ...promotionLanes[2],
        minApprovals: 2,
        approvers: ['group:ops/sre', 'group:default/leads'],
      })[0],
    ).toBe('2 approvals from ops/sre, leads');
  });

  it('shortens refs in the default namespace only', () => {
    expect(shortRef('user:default/carol')).toBe('carol');
    expect(shortRef('group:ops/sre')).toBe('ops/sre');
    expect(shortRef('service:ci-pipeline')).toBe('ci-pipeline');
  });
});
