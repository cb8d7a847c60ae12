import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { DeploymentSource } from '@release-orchestration/plugin-release-orchestration-node';
import { IngestService } from './ingest/IngestService';
import { SourceStore } from '../database/sourceStoreTypes';
import {
  recordObservations,
  recordObservedDeployments,
} from './recordObservedDeployments';
import { DatabaseDeploymentSourceState } from './DatabaseDeploymentSourceState';

/** The scheduler task id of a deployment source, e.g. for `triggerTask`. */
export function deploymentSourceTaskId(sourceId: string) {
  return `release-orchestration-deployment-source-${sourceId}`;
}

/**
 * Schedules every deployment source modules added. The scheduler runs each task on one replica
 * at a time; a source's own schedule wins over the default of every 5 minutes. Each run reads
 * the source's per-scope cursors from `source_state` and, once its observations are recorded,
 * saves the new ones with each scope's outcome (so a restart, or another replica, continues a
 * backfill), and the whole source's row with its counts and backfill progress. A source that
 * records events itself (webhooks) is connected to the same recording path.
 */
export async function scheduleDeploymentSources(options: {
  sources: DeploymentSource[];
  ingest: IngestService;
  /** Where cursors and the end of each run are kept, for resuming and the Sources panel. */
  runs?: Pick<SourceStore, 'recordRun' | 'loadScopes' | 'saveScopes'>;
  scheduler: SchedulerService;
  logger: LoggerService;
}) {
  const { runs } = options;
  for (const source of options.sources) {
    const logger = options.logger.child({ deploymentSource: source.id });
    source.connect?.({
      record: async observations => {
        await recordObservations({
          sourceId: source.id,
          observations,
          ingest: options.ingest,
          logger,
        });
      },
    });
    await options.scheduler.scheduleTask({
      id: deploymentSourceTaskId(source.id),
      frequency: { minutes: 5 },
      timeout: { minutes: 3 },
      initialDelay: { seconds: 30 },
      ...source.schedule,
      fn: async signal => {
        try {
          const state = runs
            ? await DatabaseDeploymentSourceState.load(source.id, runs)
            : undefined;
          const counts = await recordObservedDeployments({
            source,
            ingest: options.ingest,
            logger,
            signal: signal as AbortSignal,
            state,
          });
          const at = new Date().toISOString();
          await state?.save(at);
          const progress = state?.progress();
          await runs?.recordRun({
            source: source.id,
            scope: '',
            at,
            counts: {
              ...counts,
              ...(progress && progress.scopes > 0 ? progress : {}),
            },
          });
          if (progress && progress.scopes > 0) {
            logger.info(
              `Deployment source ${source.id}: ${progress.backfilled} of ${
                progress.scopes
              } scopes backfilled${
                progress.failed ? `, ${progress.failed} failed this run` : ''
              }`,
            );
          }
        } catch (error) {
          await runs?.recordRun({
            source: source.id,
            scope: '',
            at: new Date().toISOString(),
            error: String(error).slice(0, 2000),
          });
          throw error;
        }
      },
    });
  }
}
