import { mockServices } from '@backstage/backend-test-utils';
import { readScmSourceSettings } from './readScmSourceSettings';

describe('readScmSourceSettings', () => {
  it('is disabled without its section, enabled with it, and reads every setting with its default', () => {
    expect(
      readScmSourceSettings(mockServices.rootConfig({ data: {} }), 'github'),
    ).toEqual({
      enabled: false,
      backfillDays: 90,
      maxRateLimitWaitSeconds: 60,
      environments: {},
      schedule: {
        frequency: { minutes: 5 },
        timeout: { minutes: 30 },
        initialDelay: { seconds: 30 },
      },
    });
    const settings = readScmSourceSettings(
      mockServices.rootConfig({
        data: {
          releaseOrchestration: {
            gitlab: {
              backfillDays: 30,
              environments: { 'EU-Prod': 'production' },
              schedule: { frequency: { minutes: 1 }, timeout: { minutes: 10 } },
            },
          },
        },
      }),
      'gitlab',
    );
    expect(settings).toMatchObject({
      enabled: true,
      backfillDays: 30,
      environments: { 'eu-prod': 'production' },
      schedule: { frequency: { minutes: 1 }, timeout: { minutes: 10 } },
    });
    expect(
      readScmSourceSettings(
        mockServices.rootConfig({
          data: { releaseOrchestration: { github: { enabled: false } } },
        }),
        'github',
      ).enabled,
    ).toBe(false);
  });

  it('names the key of a bad value', () => {
    expect(() =>
      readScmSourceSettings(
        mockServices.rootConfig({
          data: { releaseOrchestration: { github: { backfillDays: 1.5 } } },
        }),
        'github',
      ),
    ).toThrow(
      'releaseOrchestration.github.backfillDays must be a whole number of days from 0 to 3650, got 1.5',
    );
    expect(() =>
      readScmSourceSettings(
        mockServices.rootConfig({
          data: {
            releaseOrchestration: { gitlab: { maxRateLimitWaitSeconds: -1 } },
          },
        }),
        'gitlab',
      ),
    ).toThrow('releaseOrchestration.gitlab.maxRateLimitWaitSeconds');
  });
});
