import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { IdempotencyService } from './IdempotencyService';

/**
 * Removes expired idempotency keys every hour. The scheduler runs a task on one replica at a
 * time, and the deletes are idempotent, so any number of replicas may schedule it.
 */
export async function scheduleIdempotencyExpiry(options: {
  idempotency: IdempotencyService;
  scheduler: SchedulerService;
  logger: LoggerService;
}) {
  const { idempotency, scheduler, logger } = options;
  await scheduler.scheduleTask({
    id: 'release-orchestration-idempotency-expiry',
    frequency: { hours: 1 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 1 },
    fn: async () => {
      const removed = await idempotency.purgeExpired();
      if (removed > 0) {
        logger.info(`Removed ${removed} expired idempotency key(s)`);
      }
    },
  });
}
