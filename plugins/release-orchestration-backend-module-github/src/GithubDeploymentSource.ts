import {
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  DeploymentSource,
  ObservedDeployment,
} from '@release-orchestration/plugin-release-orchestration-node';
import { GithubClient } from './GithubClient';
import {
  GithubDeployment,
  GithubDeploymentStatus,
  GithubRepository,
} from './githubTypes';
import { mapGithubDeployment } from './mapGithubDeployment';
import { GithubSourceConfig } from './readGithubSourceConfig';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The GitHub source: the Deployments (and their newest statuses) of every repository a catalog
 * component names with `github.com/project-slug`. The first run reads `backfillDays` of history;
 * later runs read from the newest deployment seen (or the oldest still running), so a deployment
 * is finished once its final status appears. A repository that cannot be read (gone, no access,
 * a long rate limit) is logged and left for the next run; the others still report. Everything
 * it observes is recorded through the plugin's ingest path, idempotent on the deployment id, so
 * a repeated backfill (e.g. after a restart, which forgets where the last run ended) changes nothing.
 */
export class GithubDeploymentSource implements DeploymentSource {
  readonly id = 'github';
  /** Per repository: where the next run starts reading (ISO time of a deployment's creation). */
  private readonly resumeFrom = new Map<string, string>();

  constructor(
    private readonly options: {
      repositories: () => Promise<GithubRepository[]>;
      client: GithubClient;
      config: GithubSourceConfig;
      logger: LoggerService;
      now?: () => number;
      schedule?: SchedulerServiceTaskScheduleDefinition;
    },
  ) {}

  get schedule() {
    return this.options.schedule;
  }

  async readDeployments(
    options: { signal?: AbortSignal } = {},
  ): Promise<ObservedDeployment[]> {
    const { logger } = this.options;
    const repositories = await this.options.repositories();
    const observed: ObservedDeployment[] = [];
    for (const [i, repository] of repositories.entries()) {
      const key = `${repository.host}/${repository.slug}`;
      const backfill = !this.resumeFrom.has(key);
      const since =
        this.resumeFrom.get(key) ??
        new Date(
          (this.options.now ?? Date.now)() -
            this.options.config.backfillDays * DAY_MS,
        ).toISOString();
      try {
        const found = await this.readRepository(
          repository,
          since,
          options.signal,
        );
        observed.push(...found.deployments);
        this.resumeFrom.set(key, found.resumeFrom ?? since);
        logger.info(
          `GitHub ${key}: ${
            found.deployments.length
          } deployment(s) since ${since}${backfill ? ' (backfill)' : ''}; ${
            i + 1
          } of ${repositories.length} repositories read`,
        );
      } catch (error) {
        logger.error(`GitHub ${key}: not read this run: ${error}`);
      }
    }
    return observed.sort((a, b) =>
      (a.startedAt ?? '').localeCompare(b.startedAt ?? ''),
    );
  }

  private async readRepository(
    repository: GithubRepository,
    since: string,
    signal?: AbortSignal,
  ) {
    const { client, config, logger } = this.options;
    const repositoryUrl = `https://${repository.host}/${repository.slug}`;
    const base = `${repository.apiBaseUrl.replace(/\/+$/, '')}/repos/${
      repository.slug
    }`;
    const listed: GithubDeployment[] = [];
    // GitHub lists deployments newest first: stop at the first one older than the window.
    for await (const deployment of client.paginate<GithubDeployment>(
      `${base}/deployments`,
      repositoryUrl,
      signal,
    )) {
      if (deployment.created_at < since) {
        break;
      }
      listed.push(deployment);
    }
    listed.reverse();
    const deployments: ObservedDeployment[] = [];
    let oldestRunning: string | undefined;
    for (const deployment of listed) {
      const response = await client.get(
        `${base}/deployments/${deployment.id}/statuses?per_page=100`,
        repositoryUrl,
        signal,
      );
      const statuses = (await response.json()) as GithubDeploymentStatus[];
      const mapped = mapGithubDeployment(
        repository,
        deployment,
        statuses,
        config.environments,
      );
      if ('skipped' in mapped) {
        logger.debug(`GitHub: skipped ${mapped.skipped}`);
        continue;
      }
      deployments.push(mapped.deployment);
      if (mapped.deployment.status === 'started' && !oldestRunning) {
        oldestRunning = deployment.created_at;
      }
    }
    return {
      deployments,
      resumeFrom: oldestRunning ?? listed[listed.length - 1]?.created_at,
    };
  }
}
