import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { DeploymentSource } from '@release-orchestration/plugin-release-orchestration-node';
import { IngestService } from './ingest/IngestService';
import { SourceStore } from '../database/sourceStoreTypes';
import { recordObservedDeployments } from './recordObservedDeployments';

/** The scheduler task id of a deployment source, e.g. for `triggerTask`. */
export function deploymentSourceTaskId(sourceId: string) {
  return `release-orchestration-deployment-source-${sourceId}`;
}

/**
 * Schedules every deployment source modules added. The scheduler runs each task on one replica
 * at a time; a source's own schedule wins over the default of every 5 minutes.
 */
export async function scheduleDeploymentSources(options: {
  sources: DeploymentSource[];
  ingest: IngestService;
  /** Where the end of each run is recorded, for the Sources panel. */
  runs?: Pick<SourceStore, 'recordRun'>;
  scheduler: SchedulerService;
  logger: LoggerService;
}) {
  for (const source of options.sources) {
    const logger = options.logger.child({ deploymentSource: source.id });
    await options.scheduler.scheduleTask({
      id: deploymentSourceTaskId(source.id),
      frequency: { minutes: 5 },
      timeout: { minutes: 3 },
      initialDelay: { seconds: 30 },
      ...source.schedule,
      fn: async signal => {
        try {
          const counts = await recordObservedDeployments({
            source,
            ingest: options.ingest,
            logger,
            signal: signal as AbortSignal,
          });
          await options.runs?.recordRun({ source: source.id, scope: '', at: new Date().toISOString(), counts });
        } catch (error) {
          await options.runs?.recordRun({ source: source.id, scope: '', at: new Date().toISOString(), error: String(error).slice(0, 2000) });
          throw error;
        }
      },
    });
  }
}
