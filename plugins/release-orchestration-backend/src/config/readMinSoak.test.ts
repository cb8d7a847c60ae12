import { ConfigReader } from '@backstage/config';
import { readEnvironments } from './readEnvironments';
import { parseDuration } from './readPolicyFields';

const read = (environments: any) =>
  readEnvironments(
    new ConfigReader({ releaseOrchestration: { environments } }),
  );

describe('minSoak', () => {
  it('reads durations in days, hours and minutes', () => {
    expect(
      ['2h', '90m', '1d', '1h30m', ' 45m '].map(v => parseDuration(v, 'k')),
    ).toEqual([7200, 5400, 86400, 5400, 2700]);
  });

  it('refuses anything else, naming the key', () => {
    for (const bad of ['2 hours', '', 'h', '1.5h', '-2h', '91d']) {
      expect(() =>
        parseDuration(bad, 'releaseOrchestration.environments[1].minSoak'),
      ).toThrow(/^releaseOrchestration\.environments\[1\]\.minSoak: /);
    }
  });

  it('sets the lane, not its rollbacks, and not the first lane', () => {
    const [, staging] = read([
      { name: 'dev' },
      { name: 'staging', minSoak: '2h' },
    ]);
    expect(staging.minSoakSeconds).toBe(7200);
    expect(staging.rollback?.minSoakSeconds).toBeUndefined();
    expect(() => read([{ name: 'dev', minSoak: '1h' }])).toThrow(
      'releaseOrchestration.environments[0].minSoak: the first lane has no previous lane to soak in',
    );
  });
});
