import {
  devPromotion,
  promotionLanes,
  promotionOf,
  stagingPromotion,
} from '../__testUtils__/promotionFixtures';
import {
  afterCaption,
  describePolicy,
  fanOutLanes,
  releaseLanes,
  shortRef,
} from './promotionLanes';
import { missingPromoteReason } from './promotionNextStep';

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

describe('lanes after a fan-out', () => {
  const lane = (name: string, title: string, after: string[]) => ({
    name,
    title,
    after,
    approvers: [],
    minApprovals: 0,
    separationOfDuties: false,
    requiredEvidence: [],
    requirePreviousEnvironment: after.length > 0,
  });
  const graph = [
    lane('dev', 'Development', []),
    lane('staging', 'Staging', ['dev']),
    lane('production-eu', 'Production EU', ['staging']),
    lane('production-us', 'Production US', ['staging']),
    lane('audit', 'Audit', ['production-eu', 'production-us']),
  ];
  const succeededIn = (...names: string[]) =>
    names.map((name, i) => ({
      // The fixture's lanes are dev, staging, production: move a dev promotion.
      ...promotionOf(`p${i}`, 'dev', { state: 'succeeded' }),
      environment: name,
    }));

  it('offers both production lanes once staging succeeded, together as a fan-out', () => {
    const lanes = releaseLanes(graph, succeededIn('dev', 'staging'));
    expect(lanes.map(l => [l.name, l.promotable, l.waitingFor])).toEqual([
      ['dev', false, []],
      ['staging', false, []],
      ['production-eu', true, []],
      ['production-us', true, []],
      ['audit', false, ['Production EU', 'Production US']],
    ]);
    expect(fanOutLanes(lanes).map(l => l.name)).toEqual([
      'production-eu',
      'production-us',
    ]);
    const titleOf = (name: string) =>
      graph.find(g => g.name === name)?.title ?? name;
    expect(afterCaption(lanes[2], lanes[1], titleOf)).toBeUndefined();
    expect(afterCaption(lanes[3], lanes[2], titleOf)).toBe('after Staging');
    expect(afterCaption(lanes[4], lanes[3], titleOf)).toBe(
      'after Production EU and Production US',
    );
  });

  it('waits for every lane before a lane after two lanes', () => {
    const lanes = releaseLanes(
      graph,
      succeededIn('dev', 'staging', 'production-us'),
    );
    expect(lanes[4]).toMatchObject({
      name: 'audit',
      promotable: false,
      waitingFor: ['Production EU'],
    });
    expect(missingPromoteReason(lanes[4], lanes[3], true)).toBe(
      'Promote to Audit appears once Production EU succeeded.',
    );
    // One promotable lane is no fan-out.
    expect(fanOutLanes(lanes).map(l => l.name)).toEqual([]);
  });
});
