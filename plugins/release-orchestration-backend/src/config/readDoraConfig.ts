import { Config } from '@backstage/config';

/** How the DORA metrics are computed, from `releaseOrchestration.dora`. */
export interface DoraConfig {
  /** The lane whose deployments and incidents count. */
  productionEnvironment: string;
}

/**
 * Reads `releaseOrchestration.dora`; production defaults to the last lane. A lane that is not
 * configured stops the backend at start-up with the key named.
 */
export function readDoraConfig(config: Config, environments: string[]): DoraConfig {
  const key = 'releaseOrchestration.dora.productionEnvironment';
  const productionEnvironment = config.getOptionalString(key) ?? environments[environments.length - 1];
  if (!environments.includes(productionEnvironment)) {
    throw new Error(`${key}: '${productionEnvironment}' is not a configured environment; the lanes are ${environments.join(', ')}`);
  }
  return { productionEnvironment };
}
