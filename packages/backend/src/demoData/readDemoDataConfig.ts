import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';

/** What the demo data module does, from `releaseOrchestrationDemo` (packages/backend/config.d.ts). */
export interface DemoDataSettings {
  /** Seed delivery history for the catalog's Systems once at start-up. */
  seedHistory: boolean;
  /** Add the generated organisation (departments, teams, users, Systems) to the catalog. */
  generatedOrg: boolean;
  /** Seed of the generated organisation. */
  seed: number;
}

/**
 * Reads `releaseOrchestrationDemo`. The plugin's former `releaseOrchestration.demoData` still turns
 * seeding on (with a warning naming the new key) when `seedHistory` is not set.
 */
export function readDemoDataConfig(
  config: RootConfigService,
  logger?: LoggerService,
): DemoDataSettings {
  const demo = config.getOptionalConfig('releaseOrchestrationDemo');
  const legacy = config.getOptionalBoolean('releaseOrchestration.demoData');
  let seedHistory = demo?.getOptionalBoolean('seedHistory');
  if (seedHistory === undefined && legacy !== undefined) {
    logger?.warn(
      'releaseOrchestration.demoData is deprecated: the demo backend reads releaseOrchestrationDemo.seedHistory (docs/demo-users.md, "Demo data")',
    );
    seedHistory = legacy;
  }
  return {
    seedHistory: seedHistory ?? false,
    generatedOrg: demo?.getOptionalBoolean('generatedOrg') ?? false,
    seed: demo?.getOptionalNumber('seed') ?? 1,
  };
}
