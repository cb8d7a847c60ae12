import { mockServices } from '@backstage/backend-test-utils';
import { readDemoDataConfig } from './readDemoDataConfig';

describe('readDemoDataConfig', () => {
  it('reads releaseOrchestrationDemo, everything off by default', () => {
    expect(readDemoDataConfig(mockServices.rootConfig({ data: {} }))).toEqual({
      seedHistory: false,
      generatedOrg: false,
      seed: 1,
    });
    expect(
      readDemoDataConfig(
        mockServices.rootConfig({
          data: {
            releaseOrchestrationDemo: {
              seedHistory: true,
              generatedOrg: true,
              seed: 7,
            },
          },
        }),
      ),
    ).toEqual({ seedHistory: true, generatedOrg: true, seed: 7 });
  });

  it("still honours the plugin's deprecated releaseOrchestration.demoData, with a warning naming the new key", () => {
    const logger = mockServices.logger.mock();
    const config = mockServices.rootConfig({
      data: { releaseOrchestration: { demoData: true } },
    });
    expect(readDemoDataConfig(config, logger).seedHistory).toBe(true);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('releaseOrchestrationDemo.seedHistory'),
    );
  });

  it('lets seedHistory win over the deprecated key, without a warning', () => {
    const logger = mockServices.logger.mock();
    const config = mockServices.rootConfig({
      data: {
        releaseOrchestration: { demoData: true },
        releaseOrchestrationDemo: { seedHistory: false },
      },
    });
    expect(readDemoDataConfig(config, logger).seedHistory).toBe(false);
    expect(logger.warn).not.toHaveBeenCalled();
  });
});
