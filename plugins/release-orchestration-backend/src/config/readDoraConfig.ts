import { Config } from '@backstage/config';
import { DoraLevelTable } from '@release-orchestration/plugin-release-orchestration-common';
import { lastLanesOf } from './laneGraph';
import { readDoraLevels } from './readDoraLevels';
import { readEnvironments } from './readEnvironments';

/** How the DORA metrics are computed, from `releaseOrchestration.dora`. */
export interface DoraConfig {
  /** The first production lane (where an incident without a lane is reported). */
  productionEnvironment: string;
  /** The lanes whose deployments and incidents count (e.g. production-eu and production-us). */
  productionEnvironments: string[];
  /** Change failure rate leaves out deployments that failed to deploy (never served traffic). */
  excludeFailedToDeploy: boolean;
  /** The performance levels: the 2024 table, with any metric configured otherwise. */
  levels: DoraLevelTable;
  /** How long after an import's last request the DORA catch-up starts (ms). */
  importCatchUpDelayMs: number;
}

const CATCH_UP_DELAY_KEY =
  'releaseOrchestration.dora.importCatchUpDelaySeconds';

/**
 * `releaseOrchestration.dora.importCatchUpDelaySeconds` in milliseconds (default 1 s). Anything
 * but a number from 0 to 3600 stops the backend at start-up with the key named.
 */
function readCatchUpDelayMs(config: Config): number {
  const value = config.getOptional(CATCH_UP_DELAY_KEY);
  if (value === undefined) {
    return 1_000;
  }
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < 0 ||
    value > 3600
  ) {
    throw new Error(
      `${CATCH_UP_DELAY_KEY}: must be a number of seconds from 0 to 3600, got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return Math.round(value * 1000);
}

/**
 * Reads `releaseOrchestration.dora`. Production is a lane or a list of lanes
 * (`productionEnvironment: [production-eu, production-us]`); by default the lanes no other lane
 * comes after (the last lane of a line; every branch of a fan-out at the end). A lane that is not
 * configured stops the backend at start-up with the key named.
 */
export function readDoraConfig(
  config: Config,
  environments: string[],
): DoraConfig {
  const key = 'releaseOrchestration.dora.productionEnvironment';
  const configured = config.getOptional(key);
  let productionEnvironments: string[];
  if (configured === undefined) {
    const graph = config.has('releaseOrchestration.environments')
      ? readEnvironments(config)
      : environments.map(name => ({ name }));
    productionEnvironments = lastLanesOf(graph).map(l => l.name);
  } else if (typeof configured === 'string') {
    productionEnvironments = [configured];
  } else {
    productionEnvironments = config.getStringArray(key);
    if (productionEnvironments.length === 0) {
      throw new Error(`${key}: must name at least one lane`);
    }
  }
  for (const [i, lane] of productionEnvironments.entries()) {
    if (!environments.includes(lane)) {
      const at = typeof configured === 'string' ? key : `${key}[${i}]`;
      throw new Error(
        `${at}: '${lane}' is not a configured environment; the lanes are ${environments.join(
          ', ',
        )}`,
      );
    }
  }
  return {
    productionEnvironment: productionEnvironments[0],
    productionEnvironments,
    excludeFailedToDeploy:
      config.getOptionalBoolean(
        'releaseOrchestration.dora.changeFailureRate.excludeFailedToDeploy',
      ) ?? false,
    levels: readDoraLevels(config),
    importCatchUpDelayMs: readCatchUpDelayMs(config),
  };
}
