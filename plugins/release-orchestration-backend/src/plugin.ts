import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { releaseOrchestrationPermissions } from '@release-orchestration/plugin-release-orchestration-common';
import { readEnvironments } from './config/readEnvironments';
import { DatabaseStores } from './database/DatabaseStores';
import { seedDemoData } from './demo/seedDemoData';
import { createRouter } from './router/createRouter';
import { AuditService } from './service/AuditService';
import { BuildService } from './service/BuildService';
import { DefaultCatalogGateway } from './service/CatalogGateway';
import { ReleaseService } from './service/ReleaseService';
import { EventPublisher } from './service/EventPublisher';
import {
  ReleaseEventSubscriber,
  releaseOrchestrationEventsExtensionPoint,
} from '@release-orchestration/plugin-release-orchestration-node';

/**
 * The Release Orchestration backend plugin: release manifests, builds and the audit trail
 * under `/api/release-orchestration`.
 *
 * @public
 */
export const releaseOrchestrationPlugin = createBackendPlugin({
  pluginId: 'release-orchestration',
  register(env) {
    const subscribers: ReleaseEventSubscriber[] = [];
    env.registerExtensionPoint(releaseOrchestrationEventsExtensionPoint, {
      addSubscriber(subscriber) {
        subscribers.push(subscriber);
      },
    });
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { config, logger, httpRouter, scheduler } = deps;
        const environments = readEnvironments(config);
        const stores = await DatabaseStores.create({ database: deps.database });
        const catalog = new DefaultCatalogGateway(deps.catalog, deps.auth);
        const events = new EventPublisher(subscribers, logger);

        deps.permissionsRegistry.addPermissions(releaseOrchestrationPermissions);

        httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            environments,
            builds: new BuildService(stores, events),
            releases: new ReleaseService(stores, catalog, events),
            audit: new AuditService(stores),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });

        if (config.getOptionalBoolean('releaseOrchestration.demoData')) {
          await scheduler.scheduleTask({
            id: 'release-orchestration-demo-data',
            frequency: { seconds: 10 },
            timeout: { minutes: 5 },
            initialDelay: { seconds: 3 },
            fn: async () => {
              await seedDemoData({ stores, catalog, logger });
            },
          });
        }
      },
    });
  },
});
