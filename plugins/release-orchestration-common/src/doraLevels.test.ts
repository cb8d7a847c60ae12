import { doraLevelOf, doraPerformanceLevels } from './doraLevels';

const HOUR = 3600;
const DAY = 24 * HOUR;

describe('doraLevelOf', () => {
  it.each([
    // deployments per day: more than one a day is elite, weekly high, monthly medium
    ['deploymentFrequency', 3, 'elite'],
    ['deploymentFrequency', 1, 'high'],
    ['deploymentFrequency', 1 / 7, 'high'],
    ['deploymentFrequency', 1 / 8, 'medium'],
    ['deploymentFrequency', 1 / 30, 'medium'],
    ['deploymentFrequency', 1 / 31, 'low'],
    ['deploymentFrequency', 0, 'low'],
    ['changeLeadTime', 23 * HOUR, 'elite'],
    ['changeLeadTime', DAY, 'high'],
    ['changeLeadTime', 7 * DAY, 'medium'],
    ['changeLeadTime', 30 * DAY, 'medium'],
    ['changeLeadTime', 31 * DAY, 'low'],
    ['changeFailureRate', 0, 'elite'],
    ['changeFailureRate', 0.05, 'elite'],
    ['changeFailureRate', 0.1, 'high'],
    ['changeFailureRate', 0.15, 'medium'],
    ['changeFailureRate', 0.25, 'low'],
    ['failedDeploymentRecoveryTime', 59 * 60, 'elite'],
    ['failedDeploymentRecoveryTime', HOUR, 'high'],
    ['failedDeploymentRecoveryTime', 2 * DAY, 'medium'],
    ['failedDeploymentRecoveryTime', 7 * DAY, 'low'],
  ] as const)('%s %p is %s', (metric, value, level) => {
    expect(doraLevelOf(metric, value)).toBe(level);
  });

  it('rates nothing without a value, and rework rate never', () => {
    expect(doraLevelOf('changeLeadTime', undefined)).toBeUndefined();
    expect(doraLevelOf('reworkRate', 0.01)).toBeUndefined();
    expect(doraPerformanceLevels.reworkRate.bands).toBeUndefined();
  });

  it('never rates a better value worse', () => {
    const order = ['elite', 'high', 'medium', 'low'];
    for (const levels of Object.values(doraPerformanceLevels)) {
      if (!levels.bands) {
        continue;
      }
      const max = { ratio: 1, perDay: 10, seconds: 400 * DAY }[levels.unit];
      let previous = -1;
      for (let i = 0; i <= 1000; i++) {
        const value =
          levels.betterWhen === 'lower'
            ? (max * i) / 1000
            : max - (max * i) / 1000;
        const rank = order.indexOf(doraLevelOf(levels.metric, value)!);
        expect(rank).toBeGreaterThanOrEqual(previous);
        previous = rank;
      }
    }
  });
});
