import { ConfigReader } from '@backstage/config';
import { readDoraConfig } from './readDoraConfig';

const lanes = ['dev', 'staging', 'prod'];

describe('readDoraConfig', () => {
  it('takes the last lane as production unless configured', () => {
    expect(readDoraConfig(new ConfigReader({}), lanes)).toEqual({ productionEnvironment: 'prod' });
    const config = new ConfigReader({ releaseOrchestration: { dora: { productionEnvironment: 'staging' } } });
    expect(readDoraConfig(config, lanes)).toEqual({ productionEnvironment: 'staging' });
  });

  it('refuses a lane that is not configured, naming the key', () => {
    const config = new ConfigReader({ releaseOrchestration: { dora: { productionEnvironment: 'live' } } });
    expect(() => readDoraConfig(config, lanes)).toThrow(
      "releaseOrchestration.dora.productionEnvironment: 'live' is not a configured environment; the lanes are dev, staging, prod",
    );
  });
});
