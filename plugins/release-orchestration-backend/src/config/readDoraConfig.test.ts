import { ConfigReader } from '@backstage/config';
import { doraPerformanceLevels } from '@release-orchestration/plugin-release-orchestration-common';
import { readDoraConfig } from './readDoraConfig';

const lanes = ['dev', 'staging', 'prod'];

describe('readDoraConfig', () => {
  it('takes the last lane as production unless configured', () => {
    expect(readDoraConfig(new ConfigReader({}), lanes)).toEqual({
      productionEnvironment: 'prod',
      excludeFailedToDeploy: false,
      levels: doraPerformanceLevels,
    });
    const config = new ConfigReader({
      releaseOrchestration: { dora: { productionEnvironment: 'staging' } },
    });
    expect(readDoraConfig(config, lanes)).toMatchObject({
      productionEnvironment: 'staging',
    });
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
