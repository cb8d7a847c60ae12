import { ConfigReader } from '@backstage/config';
import { readGitlabSourceConfig } from './readGitlabSourceConfig';

describe('readGitlabSourceConfig', () => {
  it('defaults to 90 days and a minute of rate-limit wait, with environment names in lower case', () => {
    expect(readGitlabSourceConfig(new ConfigReader({}))).toMatchObject({
      enabled: false,
      backfillDays: 90,
      environments: {},
      maxRateLimitWaitSeconds: 60,
    });
    expect(
      readGitlabSourceConfig(
        new ConfigReader({
          releaseOrchestration: {
            gitlab: {
              backfillDays: 30,
              environments: { 'EU-Prod': 'production' },
            },
          },
        }),
      ),
    ).toMatchObject({
      enabled: true,
      backfillDays: 30,
      environments: { 'eu-prod': 'production' },
    });
  });

  it('refuses a backfill that is not a whole number of days up to ten years, naming the key', () => {
    for (const backfillDays of [-1, 1.5, 4000]) {
      expect(() =>
        readGitlabSourceConfig(
          new ConfigReader({
            releaseOrchestration: { gitlab: { backfillDays } },
          }),
        ),
      ).toThrow('releaseOrchestration.gitlab.backfillDays');
    }
  });
});
