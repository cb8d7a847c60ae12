import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import {
  doraLevelOf,
  doraPerformanceLevels,
} from '@release-orchestration/plugin-release-orchestration-common';
import { readDoraLevels } from './readDoraLevels';

const levels = (value: JsonObject) =>
  new ConfigReader({ releaseOrchestration: { dora: { levels: value } } });

describe('readDoraLevels', () => {
  it('keeps the 2024 table when nothing is configured', () => {
    expect(readDoraLevels(new ConfigReader({}))).toEqual(doraPerformanceLevels);
  });

  it('replaces the bands of configured metrics, in the API unit, and rates with them', () => {
    const table = readDoraLevels(
      levels({
        changeLeadTime: { unit: 'hours', elite: 4, high: 48, medium: 240 },
        deploymentFrequency: {
          unit: 'perWeek',
          elite: 14,
          high: 3.5,
          medium: 1,
        },
        reworkRate: { unit: 'percent', elite: 2, high: 5, medium: 15 },
      }),
    );
    expect(table.changeFailureRate).toBe(
      doraPerformanceLevels.changeFailureRate,
    );
    expect(
      table.changeLeadTime.bands?.map(b => [b.level, b.op, b.bound]),
    ).toEqual([
      ['elite', '<=', 4 * 3600],
      ['high', '<=', 48 * 3600],
      ['medium', '<=', 240 * 3600],
      ['low', '>=', 0],
    ]);
    // 4 h is elite at most 4 h; one second more is high (the 2024 table would say elite)
    expect(doraLevelOf('changeLeadTime', 4 * 3600, table)).toBe('elite');
    expect(doraLevelOf('changeLeadTime', 4 * 3600 + 1, table)).toBe('high');
    expect(doraLevelOf('changeLeadTime', 4 * 3600 + 1)).toBe('elite');
    // 2 a day = 14 a week: elite at least 14 a week; 1 a day: high
    expect(doraLevelOf('deploymentFrequency', 2, table)).toBe('elite');
    expect(doraLevelOf('deploymentFrequency', 1, table)).toBe('high');
    expect(doraLevelOf('deploymentFrequency', 0.1, table)).toBe('low');
    // rework rate gets levels only when configured
    expect(doraLevelOf('reworkRate', 0.05, table)).toBe('high');
    expect(doraLevelOf('reworkRate', 0.05)).toBeUndefined();
    expect(table.reworkRate.bands?.[0].reported).toBe('at most 2 percent');
  });

  it.each([
    [
      { changeLeadTime: { unit: 'percent', elite: 1, high: 2, medium: 3 } },
      "releaseOrchestration.dora.levels.changeLeadTime.unit: 'percent' does not fit this metric; use one of seconds, minutes, hours, days, weeks",
    ],
    [
      { changeLeadTime: { elite: 1, high: 2, medium: 3 } },
      "Missing required config value at 'releaseOrchestration.dora.levels.changeLeadTime.unit'",
    ],
    [
      { changeLeadTime: { unit: 'days', elite: 1, high: 7 } },
      "Missing required config value at 'releaseOrchestration.dora.levels.changeLeadTime.medium'",
    ],
    [
      { changeLeadTime: { unit: 'days', elite: 1, high: 1, medium: 30 } },
      'releaseOrchestration.dora.levels.changeLeadTime.high: must be greater than elite (1 days)',
    ],
    [
      {
        deploymentFrequency: { unit: 'perDay', elite: 1, high: 2, medium: 0.1 },
      },
      'releaseOrchestration.dora.levels.deploymentFrequency.high: must be less than elite (1 perDay)',
    ],
    [
      {
        changeFailureRate: {
          unit: 'ratio',
          elite: -0.1,
          high: 0.1,
          medium: 0.2,
        },
      },
      'releaseOrchestration.dora.levels.changeFailureRate.elite: must be a number of ratio, at least 0',
    ],
    [
      { leadTime: { unit: 'days', elite: 1, high: 7, medium: 30 } },
      'releaseOrchestration.dora.levels.leadTime: unknown metric',
    ],
  ])('refuses %j, naming the key', (value, message) => {
    expect(() => readDoraLevels(levels(value))).toThrow(message);
  });
});
