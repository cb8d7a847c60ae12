import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { readDoraConfig } from '../../config/readDoraConfig';
import { Stores } from '../../database/types';
import { CatalogGateway } from '../CatalogGateway';
import { DeploymentService } from '../DeploymentService';
import { EventPublisher } from '../EventPublisher';
import { IncidentService } from '../incidents/IncidentService';
import { PagerDutyWebhookHandler } from '../incidents/PagerDutyWebhookHandler';
import { PagerDutyServiceSystem } from '../incidents/pagerDutyServiceSystem';
import { DoraCatchUp } from './DoraCatchUp';
import { DoraFactRecorder } from './DoraFactRecorder';
import { DoraService } from './DoraService';
import { DoraTeamCatalog } from './listDoraTeams';
import { syncDoraFacts } from './syncDoraFacts';

/**
 * Wires incidents and DORA: the roll-ups follow every deployment in its transaction, and a
 * scheduled task (replica-safe) catches up on anything recorded otherwise.
 */
export async function createDoraServices(options: {
  config: Config;
  stores: Stores;
  catalog: CatalogGateway & DoraTeamCatalog;
  environments: string[];
  deployments: DeploymentService;
  events: EventPublisher;
  scheduler: SchedulerService;
  logger: LoggerService;
  /** Maps a PagerDuty service to its System (the catalog's `pagerduty.com/service-id`). */
  pagerDutyServiceSystem?: PagerDutyServiceSystem;
}) {
  const { stores, catalog, events, logger } = options;
  const {
    productionEnvironment,
    productionEnvironments,
    excludeFailedToDeploy,
    levels,
    importCatchUpDelayMs,
  } = readDoraConfig(options.config, options.environments);
  const recorder = new DoraFactRecorder(productionEnvironments);
  options.deployments.observe(recorder);
  const catchUp = new DoraCatchUp(
    { stores, recorder, events, logger },
    { delayMs: importCatchUpDelayMs },
  );
  const incidents = new IncidentService(
    stores,
    catalog,
    options.environments,
    productionEnvironment,
    events,
    undefined,
    {
      productionEnvironments,
      quarantineOnProductionIncident:
        options.config.getOptionalBoolean(
          'releaseOrchestration.quarantine.onProductionIncident',
        ) ?? false,
    },
  );
  await options.scheduler.scheduleTask({
    id: 'release-orchestration-dora-roll-ups',
    frequency: { minutes: 5 },
    timeout: { minutes: 30 },
    initialDelay: { seconds: 20 },
    fn: async () => {
      const recorded = await syncDoraFacts({
        stores,
        recorder,
        events,
        catchUp,
      });
      if (recorded > 0) {
        logger.info(
          `DORA: recorded ${recorded} production deployment(s) in the roll-ups`,
        );
      }
    },
  });
  return {
    incidents,
    incidentWebhook: new PagerDutyWebhookHandler(
      stores,
      incidents,
      events,
      options.pagerDutyServiceSystem,
    ),
    dora: new DoraService(stores, catalog, productionEnvironments, undefined, {
      excludeFailedToDeploy,
      levels,
    }),
    doraRecorder: recorder,
    doraCatchUp: catchUp,
  };
}
