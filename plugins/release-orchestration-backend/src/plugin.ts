import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readEnvironments } from './config/readEnvironments';
import { readRecurringFreezes } from './config/readRecurringFreezes';
import { readImportParallelism } from './config/readImportParallelism';
import { DatabaseStores } from './database/DatabaseStores';
import { createRouter } from './router/createRouter';
import { AuditService } from './service/AuditService';
import { BuildService } from './service/BuildService';
import { DefaultCatalogGateway } from './service/CatalogGateway';
import { QuarantineService } from './service/QuarantineService';
import { EvidencePackService } from './service/evidencePack/EvidencePackService';
import { CommitLinker } from './service/releaseNotes/commitLinks';
import { readCommitLinks } from './config/readCommitLinks';
import { ReleaseService } from './service/ReleaseService';
import { EventPublisher } from './service/EventPublisher';
import {
  DeploymentSource,
  ReleaseEventSubscriber,
  releaseOrchestrationDeploymentSourcesExtensionPoint,
  releaseOrchestrationEventsExtensionPoint,
} from '@release-orchestration/plugin-release-orchestration-node';
import { DeploymentService } from './service/DeploymentService';
import { createDoraServices } from './service/dora/createDoraServices';
import { DriftService } from './service/DriftService';
import { scheduleDeploymentSources } from './service/scheduleDeploymentSources';
import { notificationService } from '@backstage/plugin-notifications-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { AuditEvent } from '@release-orchestration/plugin-release-orchestration-common';
import { readNamedPolicies } from './config/readNamedPolicies';
import { createPromotionServices } from './service/createPromotionServices';
import { AuditKeyring } from './audit/AuditKeyring';
import { decodeAuditCheckpointToken } from './audit/auditCheckpoints';
import { emitToAuditor } from './service/emitToAuditor';
import { publishToEventsService } from './service/publishToEventsService';
import { publishSignals } from './service/publishSignals';
import { registerReadActions } from './actions/registerReadActions';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  AUDIT_FULL_VERIFY_TASK,
  scheduleAuditTasks,
} from './service/scheduleAuditTasks';
import { IdempotencyService } from './service/IdempotencyService';
import { scheduleIdempotencyExpiry } from './service/scheduleIdempotencyExpiry';
import { registerSystemResource } from './permissions/registerSystemResource';
import { SystemResolver } from './service/SystemResolver';
import { pagerDutyServiceSystemFromCatalog } from './service/incidents/pagerDutyServiceSystem';
import { IngestService } from './service/ingest/IngestService';
import { CdEventService } from './service/cdevents/CdEventService';
import { SourceCoverageService } from './service/sources/SourceCoverageService';
import { readAnswerWaitMs } from './config/readIdempotencyConfig';

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
    const deploymentSources: DeploymentSource[] = [];
    env.registerExtensionPoint(
      releaseOrchestrationDeploymentSourcesExtensionPoint,
      {
        addDeploymentSource(source) {
          if (deploymentSources.some(s => s.id === source.id)) {
            throw new Error(
              `A deployment source with id '${source.id}' was added twice`,
            );
          }
          deploymentSources.push(source);
        },
      },
    );
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
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        // Has a default factory that calls the notifications backend; when that is not
        // installed, sending fails and is only logged.
        notifications: notificationService,
        // Committed audit events are also published here (topic release-orchestration.audit).
        events: eventsServiceRef,
        // Changes to promotions, approvals, deployments, ... are announced on the channel
        // release-orchestration:promotions. Its default factory publishes through the events
        // service, so without the signals backend the signal goes nowhere and the portal polls.
        signals: signalsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        discovery: coreServices.discovery,
        lifecycle: coreServices.lifecycle,
      },
      async init(deps) {
        const { config, logger, httpRouter, scheduler } = deps;
        const environments = readEnvironments(config);
        const auditKeyring = AuditKeyring.fromConfig(config, logger);
        const toAuditor = emitToAuditor(deps.auditor, logger);
        const toEventsService = publishToEventsService(deps.events, logger);
        const toSignals = publishSignals(deps.signals, logger);
        const onAuditCommitted = (committed: AuditEvent[]) => {
          toAuditor(committed);
          toEventsService(committed);
          toSignals(committed);
        };
        const stores = await DatabaseStores.create({
          database: deps.database,
          audit: { keyring: auditKeyring, onCommitted: onAuditCommitted },
        });
        const catalog = new DefaultCatalogGateway(deps.catalog, deps.auth);
        const events = new EventPublisher(subscribers, logger);
        const configuredCheckpoint = config.getOptionalString(
          'releaseOrchestration.audit.checkpoint',
        );
        const audit = new AuditService(stores, {
          keyring: auditKeyring,
          configuredCheckpoint:
            configuredCheckpoint === undefined
              ? undefined
              : decodeAuditCheckpointToken(
                  configuredCheckpoint,
                  auditKeyring,
                  'releaseOrchestration.audit.checkpoint',
                ),
          logger,
          publishCheckpoint: checkpoint => events.publishCheckpoint(checkpoint),
          triggerFullVerification: () =>
            scheduler.triggerTask(AUDIT_FULL_VERIFY_TASK),
        });

        registerSystemResource({
          permissionsRegistry: deps.permissionsRegistry,
          catalog: deps.catalog,
          auth: deps.auth,
        });
        const policies = readNamedPolicies(config, environments);
        const recurringFreezes = readRecurringFreezes(
          config,
          environments.map(e => e.name),
        );
        const promotionServices = createPromotionServices({
          stores,
          environments,
          policies,
          recurringFreezes,
          catalog,
          events,
          notifications: deps.notifications,
          logger,
        });
        const deployments = new DeploymentService(
          stores,
          catalog,
          environments.map(e => e.name),
          promotionServices.promotions,
          events,
        );

        const doraServices = await createDoraServices({
          config,
          stores,
          catalog,
          environments: environments.map(e => e.name),
          deployments,
          events,
          scheduler,
          logger,
          pagerDutyServiceSystem: pagerDutyServiceSystemFromCatalog(
            deps.catalog,
            deps.auth,
          ),
        });
        const pagerDutyWebhookSecrets =
          config.getOptionalStringArray(
            'releaseOrchestration.incidents.pagerDuty.webhookSecrets',
          ) ?? [];

        const builds = new BuildService(stores, catalog, events);
        const ingest = new IngestService(
          {
            stores,
            catalog,
            events,
            logger,
            builds,
            deployments,
            incidents: doraServices.incidents,
            doraCatchUp: doraServices.doraCatchUp,
          },
          {
            parallelism: readImportParallelism(
              config,
              stores.concurrentWriters,
            ),
          },
        );
        deps.lifecycle.addShutdownHook(() => doraServices.doraCatchUp.cancel());
        const idempotency = new IdempotencyService(stores.idempotency, {
          logger,
          retentionDays: config.getOptionalNumber(
            'releaseOrchestration.idempotency.retentionDays',
          ),
          answerWaitMs: readAnswerWaitMs(config),
        });
        await scheduleIdempotencyExpiry({ idempotency, scheduler, logger });
        const releases = new ReleaseService(
          stores,
          catalog,
          events,
          undefined,
          environments.map(e => e.name),
          new CommitLinker(readCommitLinks(config)),
        );
        httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            pagerDutyWebhookSecrets,
            environments,
            builds,
            releases,
            evidencePacks: new EvidencePackService(stores, releases),
            quarantines: new QuarantineService(
              stores,
              events,
              undefined,
              (ids, actor) =>
                promotionServices.promotions.notifyWithdrawn(ids, actor),
            ),
            audit,
            deployments,
            drift: new DriftService(stores, catalog, environments),
            ...promotionServices,
            incidents: doraServices.incidents,
            incidentWebhook: doraServices.incidentWebhook,
            dora: doraServices.dora,
            idempotency,
            systems: new SystemResolver(stores, catalog),
            ingest,
            cdevents: new CdEventService({
              stores,
              catalog,
              ingest,
              incidents: doraServices.incidents,
              evidence: promotionServices.evidence,
            }),
            sources: new SourceCoverageService(
              stores,
              catalog,
              doraServices.incidents.productionEnvironment,
            ),
          }),
        );
        await scheduleDeploymentSources({
          sources: deploymentSources,
          ingest,
          runs: stores.sources,
          scheduler,
          logger,
        });
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        // Read-only actions for AI assistants (MCP actions backend); they answer as the caller.
        registerReadActions({
          actionsRegistry: deps.actionsRegistry,
          discovery: deps.discovery,
          auth: deps.auth,
          catalog: deps.catalog,
        });
        if (pagerDutyWebhookSecrets.length > 0) {
          // PagerDuty cannot send a Backstage token: its signature authenticates the webhook.
          httpRouter.addAuthPolicy({
            path: '/incidents/webhook',
            allow: 'unauthenticated',
          });
        }
        await scheduleAuditTasks({ config, scheduler, audit, logger });
        await scheduler.scheduleTask({
          id: 'release-orchestration-freeze-expiry',
          frequency: { minutes: 1 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 30 },
          fn: async () => {
            const released =
              await promotionServices.promotions.releaseEndedFreezes();
            if (released > 0) {
              logger.info(
                `Released ${released} promotion(s) whose freeze window ended`,
              );
            }
          },
        });

        if (config.has('releaseOrchestration.demoData')) {
          // Demo seeding moved out of the plugin (packages/backend/src/demoData in this repository).
          logger.warn(
            'releaseOrchestration.demoData is deprecated and ignored by the plugin: demo data is seeded by the demo backend (releaseOrchestrationDemo.seedHistory), not by the published plugin',
          );
        }
      },
    });
  },
});
