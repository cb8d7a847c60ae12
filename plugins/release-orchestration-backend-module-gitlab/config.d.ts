import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  releaseOrchestration?: {
    /**
     * The GitLab source (module `gitlab`): GitLab Deployments of the catalog's components that
     * carry `gitlab.com/project-slug`, with builds from the compare API. Credentials come from
     * `integrations.gitlab` (gitlab.com or self-managed through `host` and `apiBaseUrl`).
     */
    gitlab?: {
      /**
       * Whether the source runs; defaults to true when this section is present. Without the
       * section the module does nothing, so a backend can carry it without a token.
       */
      enabled?: boolean;
      /** Record deployment webhooks from the events backend (topic `gitlab`, `object_kind: deployment`) at once; defaults to true. */
      webhooks?: boolean;
      /** How often to read; defaults to every 5 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Days of history the first run reads (the backfill); defaults to 90. */
      backfillDays?: number;
      /**
       * GitLab environment name (lower case) to lane. Unlisted environments go by their GitLab
       * tier (production, staging, development -> dev, testing -> test), then by the defaults
       * (same name, prod, stage, development).
       */
      environments?: { [gitlabEnvironment: string]: string };
      /** The longest wait for a rate limit inside a run, in seconds; longer and the project is left for the next run. Defaults to 60. */
      maxRateLimitWaitSeconds?: number;
    };
  };
}
