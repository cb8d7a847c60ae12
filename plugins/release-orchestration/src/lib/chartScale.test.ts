import { chartTicks } from './chartScale';

describe('chartTicks', () => {
  it('uses whole, round steps for counts', () => {
    expect(chartTicks(7, 'count')).toEqual([0, 2, 4, 6, 8]);
    expect(chartTicks(3, 'count')).toEqual([0, 1, 2, 3]);
    expect(chartTicks(130, 'count')).toEqual([0, 50, 100, 150]);
  });

  it('uses percentage steps for ratios', () => {
    expect(chartTicks(0.33, 'ratio')).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(chartTicks(0.04, 'ratio')).toEqual([0, 0.01, 0.02, 0.03, 0.04]);
  });

  it('uses hours and days for durations', () => {
    expect(chartTicks(5 * 3600, 'seconds')).toEqual([0, 7200, 14400, 21600]);
    expect(chartTicks(9 * 86400, 'seconds')).toEqual([
      0,
      3 * 86400,
      6 * 86400,
      9 * 86400,
    ]);
  });

  it('still draws an axis when every value is zero', () => {
    expect(chartTicks(0, 'count')).toEqual([0, 1]);
  });
});
