import { ConfigReader } from '@backstage/config';
import { doraPerformanceLevels } from '@release-orchestration/plugin-release-orchestration-common';
import { readDoraConfig } from './readDoraConfig';

const lanes = ['dev', 'staging', 'prod'];

describe('readDoraConfig', () => {
  it('takes the last lane as production unless configured', () => {
    expect(readDoraConfig(new ConfigReader({}), lanes)).toEqual({
      productionEnvironment: 'prod',
      productionEnvironments: ['prod'],
      excludeFailedToDeploy: false,
      levels: doraPerformanceLevels,
      importCatchUpDelayMs: 1000,
    });
    const config = new ConfigReader({
      releaseOrchestration: { dora: { productionEnvironment: 'staging' } },
    });
    expect(readDoraConfig(config, lanes)).toMatchObject({
      productionEnvironment: 'staging',
    });
  });

  it('reads the delay of the DORA catch-up after an import, and names the key when it is not 0 to 3600 seconds', () => {
    const read = (value: number | string) =>
      readDoraConfig(
        new ConfigReader({
          releaseOrchestration: { dora: { importCatchUpDelaySeconds: value } },
        }),
        lanes,
      ).importCatchUpDelayMs;
    expect(read(0)).toBe(0);
    expect(read(2.5)).toBe(2500);
    for (const bad of [-1, 3601, '5', Number.NaN]) {
      expect(() => read(bad)).toThrow(
        /^releaseOrchestration\.dora\.importCatchUpDelaySeconds: must be a number of seconds from 0 to 3600, got /,
      );
    }
  });

  it('takes a set of production lanes: configured, or every lane at the end of a fan-out', () => {
    const fanOut = {
      environments: [
        { name: 'dev' },
        { name: 'staging' },
        { name: 'production-eu', after: ['staging'] },
        { name: 'production-us', after: ['staging'] },
      ],
    };
    const names = ['dev', 'staging', 'production-eu', 'production-us'];
    expect(
      readDoraConfig(new ConfigReader({ releaseOrchestration: fanOut }), names),
    ).toMatchObject({
      productionEnvironment: 'production-eu',
      productionEnvironments: ['production-eu', 'production-us'],
    });
    expect(
      readDoraConfig(
        new ConfigReader({
          releaseOrchestration: {
            ...fanOut,
            dora: { productionEnvironment: ['production-us', 'staging'] },
          },
        }),
        names,
      ).productionEnvironments,
    ).toEqual(['production-us', 'staging']);
    expect(() =>
      readDoraConfig(
        new ConfigReader({
          releaseOrchestration: {
            ...fanOut,
            dora: { productionEnvironment: ['production-us', 'mars'] },
          },
        }),
        names,
      ),
    ).toThrow(
      "releaseOrchestration.dora.productionEnvironment[1]: 'mars' is not a configured environment",
    );
  });

  it('reads whether change failure rate leaves out deployments that failed to deploy', () => {
    const config = new ConfigReader({
      releaseOrchestration: {
        dora: { changeFailureRate: { excludeFailedToDeploy: true } },
      },
    });
    expect(readDoraConfig(config, lanes).excludeFailedToDeploy).toBe(true);
  });

  it('refuses a lane that is not configured, naming the key', () => {
    const config = new ConfigReader({
      releaseOrchestration: { dora: { productionEnvironment: 'live' } },
    });
    expect(() => readDoraConfig(config, lanes)).toThrow(
      "releaseOrchestration.dora.productionEnvironment: 'live' is not a configured environment; the lanes are dev, staging, prod",
    );
  });
});
