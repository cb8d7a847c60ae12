import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  releaseOrchestration?: {
    /**
     * The GitHub source (module `github`): GitHub Deployments of the catalog's components that
     * carry `github.com/project-slug`. Credentials come from `integrations.github` (a token or a
     * GitHub App; GitHub Enterprise through `apiBaseUrl`).
     */
    github?: {
      /**
       * Whether the source runs; defaults to true when this section is present. Without the
       * section the module does nothing, so a backend can carry it without a token.
       */
      enabled?: boolean;
      /** Record `deployment_status` and `workflow_run` webhooks from the events backend (topics `github.deployment_status`, `github.workflow_run`) at once; defaults to true. */
      webhooks?: boolean;
      /** How often to read; defaults to every 5 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Days of history the first run reads (the backfill); defaults to 90. */
      backfillDays?: number;
      /** GitHub environment name (lower case) to lane, on top of the defaults (same name, prod, stage, development). */
      environments?: { [githubEnvironment: string]: string };
      /** The longest wait for a rate limit inside a run, in seconds; longer and the repository is left for the next run. Defaults to 60. */
      maxRateLimitWaitSeconds?: number;
    };
  };
}
