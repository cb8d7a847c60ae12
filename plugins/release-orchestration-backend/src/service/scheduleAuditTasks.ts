import {
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { AuditService } from './AuditService';

/** Scheduler task ids of the audit chain. */
export const AUDIT_CHECKPOINT_TASK = 'release-orchestration-audit-checkpoint';
export const AUDIT_FULL_VERIFY_TASK = 'release-orchestration-audit-full-verify';

function scheduleOf(
  config: Config,
  key: string,
  fallback: SchedulerServiceTaskScheduleDefinition,
) {
  const section = config.getOptionalConfig(`releaseOrchestration.audit.${key}`);
  return section
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(section)
    : fallback;
}

/**
 * Schedules the signed checkpoint of the chain head (default every 5 minutes) and the full
 * re-verification (default daily) as global tasks, so one replica runs each at a time.
 */
export async function scheduleAuditTasks(options: {
  config: Config;
  scheduler: SchedulerService;
  audit: AuditService;
  logger: LoggerService;
}) {
  const { config, scheduler, audit, logger } = options;
  await scheduler.scheduleTask({
    id: AUDIT_CHECKPOINT_TASK,
    ...scheduleOf(config, 'checkpointSchedule', {
      frequency: { minutes: 5 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 20 },
    }),
    fn: async () => {
      try {
        await audit.takeCheckpoint();
      } catch (error) {
        logger.error(`Audit checkpoint failed: ${error}`);
      }
    },
  });
  await scheduler.scheduleTask({
    id: AUDIT_FULL_VERIFY_TASK,
    ...scheduleOf(config, 'fullVerificationSchedule', {
      frequency: { hours: 24 },
      timeout: { hours: 3 },
      initialDelay: { minutes: 2 },
    }),
    fn: async () => {
      try {
        await audit.runFullVerification();
      } catch (error) {
        logger.error(`Audit full verification failed to run: ${error}`);
      }
    },
  });
}
