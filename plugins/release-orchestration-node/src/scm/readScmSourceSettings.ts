import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';

/**
 * The settings every SCM source module shares, under `releaseOrchestration.<key>`.
 *
 * @public
 */
export interface ScmSourceSettings {
  /** Whether the module runs: `enabled`, else true when the section is present. */
  enabled: boolean;
  /** Days of history the first run reads; 90 by default. */
  backfillDays: number;
  /** The longest wait for one rate limit inside a run; 60 by default. */
  maxRateLimitWaitSeconds: number;
  /** Environment name (lower case) to lane, as configured. */
  environments: Record<string, string>;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

/** Every 5 minutes, a backfill may take up to 30 minutes, first run 30 s after start. */
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 30 },
  initialDelay: { seconds: 30 },
};

/**
 * Reads `releaseOrchestration.<key>` (e.g. `github`); a bad value is an error naming the key.
 *
 * @public
 */
export function readScmSourceSettings(
  config: RootConfigService,
  key: string,
): ScmSourceSettings {
  const path = `releaseOrchestration.${key}`;
  const section = config.getOptionalConfig(path);
  const backfillDays = section?.getOptionalNumber('backfillDays') ?? 90;
  if (
    !Number.isInteger(backfillDays) ||
    backfillDays < 0 ||
    backfillDays > 3650
  ) {
    throw new Error(
      `${path}.backfillDays must be a whole number of days from 0 to 3650, got ${backfillDays}`,
    );
  }
  const maxWait = section?.getOptionalNumber('maxRateLimitWaitSeconds') ?? 60;
  if (!Number.isFinite(maxWait) || maxWait < 0) {
    throw new Error(
      `${path}.maxRateLimitWaitSeconds must be a number of seconds from 0, got ${maxWait}`,
    );
  }
  const environments: Record<string, string> = {};
  const mapped = section?.getOptionalConfig('environments');
  for (const name of mapped?.keys() ?? []) {
    environments[name.toLowerCase()] = mapped!.getString(name);
  }
  const schedule = section?.getOptionalConfig('schedule');
  return {
    enabled: section?.getOptionalBoolean('enabled') ?? section !== undefined,
    backfillDays,
    maxRateLimitWaitSeconds: maxWait,
    environments,
    schedule: schedule
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
      : DEFAULT_SCHEDULE,
  };
}
