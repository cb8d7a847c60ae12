import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Knex } from 'knex';
import { readEnvironments } from '@release-orchestration/plugin-release-orchestration-backend/src/config/readEnvironments';
import { readNamedPolicies } from '@release-orchestration/plugin-release-orchestration-backend/src/config/readNamedPolicies';
import { DatabaseStores } from '@release-orchestration/plugin-release-orchestration-backend/src/database/DatabaseStores';
import { BuildService } from '@release-orchestration/plugin-release-orchestration-backend/src/service/BuildService';
import { DefaultCatalogGateway } from '@release-orchestration/plugin-release-orchestration-backend/src/service/CatalogGateway';
import { createPromotionServices } from '@release-orchestration/plugin-release-orchestration-backend/src/service/createPromotionServices';
import { DeploymentService } from '@release-orchestration/plugin-release-orchestration-backend/src/service/DeploymentService';
import { DoraFactRecorder } from '@release-orchestration/plugin-release-orchestration-backend/src/service/dora/DoraFactRecorder';
import { DoraService } from '@release-orchestration/plugin-release-orchestration-backend/src/service/dora/DoraService';
import { DriftService } from '@release-orchestration/plugin-release-orchestration-backend/src/service/DriftService';
import { EventPublisher } from '@release-orchestration/plugin-release-orchestration-backend/src/service/EventPublisher';
import { ReleaseService } from '@release-orchestration/plugin-release-orchestration-backend/src/service/ReleaseService';
import { benchAuth } from '../catalog/BenchCatalogService';
import { benchPluginConfig, PRODUCTION } from '../backend/benchConfig';

/** A logger that drops everything (the services log only on failures of subscribers). */
export const silentLogger: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child() {
    return silentLogger;
  },
};

/**
 * The services the plugin's router calls, wired as plugin.ts wires them (the same stores,
 * catalog gateway, lanes and DORA recorder), over a bench database and the bench catalog.
 */
export function createBenchServices(
  knex: Knex,
  catalogService: CatalogService,
) {
  const stores = DatabaseStores.fromKnex(knex);
  const catalog = new DefaultCatalogGateway(catalogService, benchAuth());
  const config = new ConfigReader(benchPluginConfig);
  const environments = readEnvironments(config);
  const events = new EventPublisher([], silentLogger);
  const promotionServices = createPromotionServices({
    stores,
    environments,
    policies: readNamedPolicies(config, environments),
    catalog,
    events,
    logger: silentLogger,
  });
  const deployments = new DeploymentService(
    stores,
    catalog,
    environments.map(e => e.name),
    promotionServices.promotions,
    events,
  );
  deployments.observe(new DoraFactRecorder(PRODUCTION));
  return {
    stores,
    dora: new DoraService(stores, catalog, PRODUCTION),
    drift: new DriftService(stores, catalog, environments),
    releases: new ReleaseService(stores, catalog, events),
    queue: promotionServices.promotionQueue,
    deployments,
    builds: new BuildService(stores, catalog, events),
  };
}

/** The services of {@link createBenchServices}. */
export type BenchServices = ReturnType<typeof createBenchServices>;
