import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { generateDemoOrg } from '@release-orchestration/demo-data';
import { AuditKeyring } from '@release-orchestration/plugin-release-orchestration-backend/src/audit/AuditKeyring';
import { readDoraConfig } from '@release-orchestration/plugin-release-orchestration-backend/src/config/readDoraConfig';
import { readEnvironments } from '@release-orchestration/plugin-release-orchestration-backend/src/config/readEnvironments';
import { readNamedPolicies } from '@release-orchestration/plugin-release-orchestration-backend/src/config/readNamedPolicies';
import { DatabaseStores } from '@release-orchestration/plugin-release-orchestration-backend/src/database/DatabaseStores';
import { DefaultCatalogGateway } from '@release-orchestration/plugin-release-orchestration-backend/src/service/CatalogGateway';
import { DoraFactRecorder } from '@release-orchestration/plugin-release-orchestration-backend/src/service/dora/DoraFactRecorder';
import { readDemoDataConfig } from './readDemoDataConfig';
import { namedScenarios, scenariosOf } from './demoScenarios';
import { seedDemoHistory } from './seedDemoHistory';

/**
 * Demo portal only: seeds 90 days of delivery history (builds, releases, evidence, promotions,
 * deployments, incidents) for the catalog's Systems, once, when
 * `releaseOrchestrationDemo.seedHistory` is true. A module of the release-orchestration plugin:
 * it shares the plugin's database and writes through the plugin's own stores (with the audit
 * trail's keys from `releaseOrchestration.audit`), so the published plugin carries no demo code.
 */
export const releaseOrchestrationModuleDemoData = createBackendModule({
  pluginId: 'release-orchestration',
  moduleId: 'demo-data',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init({ config, logger, database, scheduler, auth, catalog }) {
        const settings = readDemoDataConfig(config, logger);
        if (!settings.seedHistory) {
          return;
        }
        const environments = readEnvironments(config);
        const policies = readNamedPolicies(config, environments);
        const recorder = new DoraFactRecorder(
          readDoraConfig(
            config,
            environments.map(e => e.name),
          ).productionEnvironment,
        );
        const stores = await DatabaseStores.create({
          database,
          audit: { keyring: AuditKeyring.fromConfig(config, logger) },
        });
        const gateway = new DefaultCatalogGateway(catalog, auth);
        const org = settings.generatedOrg
          ? generateDemoOrg(settings.seed)
          : undefined;
        const scenarioOf = org ? scenariosOf(org) : namedScenarios;
        // The generated organisation's Systems are listed, the catalog files' named ones are not:
        // after all listed ones, wait until two attempts see the same Systems.
        const settle = {};
        await scheduler.scheduleTask({
          id: 'release-orchestration-demo-data',
          frequency: { seconds: 10 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 3 },
          fn: () =>
            seedDemoHistory({
              stores,
              catalog: gateway,
              environments,
              policies,
              recorder,
              scenarioOf,
              // The catalog ingests the generated organisation after start-up: wait for all of it.
              expectedSystems: org?.systems.map(s => s.ref),
              settle,
              logger,
            }).then(() => undefined),
        });
      },
    });
  },
});
