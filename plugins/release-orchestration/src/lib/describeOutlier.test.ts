import { describeOutlier } from './describeOutlier';

const DAY = 86400;

describe('describeOutlier', () => {
  it('says what moved, from what to what, in human units', () => {
    expect(
      describeOutlier({
        metric: 'changeLeadTime',
        kind: 'doubled',
        previous: 1.5 * DAY,
        current: 4 * DAY,
      }),
    ).toBe(
      'Change lead time more than doubled, from 1.5 days to 4 days (×2.7)',
    );
    expect(
      describeOutlier({
        metric: 'deploymentFrequency',
        kind: 'halved',
        previous: 2,
        current: 3 / 7,
      }),
    ).toBe(
      'Deployment frequency halved or worse, from 14 per week to 3 per week',
    );
    expect(
      describeOutlier({
        metric: 'failedDeploymentRecoveryTime',
        kind: 'doubled',
        previous: 45 * 60,
        current: 6 * 3600,
      }),
    ).toBe(
      'Failed deployment recovery time more than doubled, from 45 min to 360 min (×8.0)',
    );
    expect(
      describeOutlier({
        metric: 'changeFailureRate',
        kind: 'rose',
        previous: 0.05,
        current: 0.18,
      }),
    ).toBe('Change failure rate rose from 5% to 18% (+13 points)');
    expect(
      describeOutlier({
        metric: 'failedDeploymentRecoveryTime',
        kind: 'levelDropped',
        previousLevel: 'high',
        currentLevel: 'low',
      }),
    ).toBe('Failed deployment recovery time dropped from High to Low');
  });
});
