import { Config } from '@backstage/config';
import { DoraLevelTable } from '@release-orchestration/plugin-release-orchestration-common';
import { readDoraLevels } from './readDoraLevels';

/** How the DORA metrics are computed, from `releaseOrchestration.dora`. */
export interface DoraConfig {
  /** The lane whose deployments and incidents count. */
  productionEnvironment: string;
  /** Change failure rate leaves out deployments that failed to deploy (never served traffic). */
  excludeFailedToDeploy: boolean;
  /** The performance levels: the 2024 table, with any metric configured otherwise. */
  levels: DoraLevelTable;
}

/**
 * Reads `releaseOrchestration.dora`; production defaults to the last lane. A lane that is not
 * configured stops the backend at start-up with the key named.
 */
export function readDoraConfig(
  config: Config,
  environments: string[],
): DoraConfig {
  const key = 'releaseOrchestration.dora.productionEnvironment';
  const productionEnvironment =
    config.getOptionalString(key) ?? environments[environments.length - 1];
  if (!environments.includes(productionEnvironment)) {
    throw new Error(
      `${key}: '${productionEnvironment}' is not a configured environment; the lanes are ${environments.join(
        ', ',
      )}`,
    );
  }
  return {
    productionEnvironment,
    excludeFailedToDeploy:
      config.getOptionalBoolean(
        'releaseOrchestration.dora.changeFailureRate.excludeFailedToDeploy',
      ) ?? false,
    levels: readDoraLevels(config),
  };
}
