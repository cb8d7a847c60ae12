import {
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  CommitReader,
  DeploymentSource,
  DeploymentSourceState,
  InMemoryDeploymentSourceState,
  ObservationRecorder,
  ObservedDeployment,
  pollScopes,
  RevisionBuilds,
  RevisionCursor,
  SourceCommit,
} from '@release-orchestration/plugin-release-orchestration-node';
import { GithubClient } from './GithubClient';
import {
  GithubCommit,
  GithubDeployment,
  GithubDeploymentStatus,
  GithubRepository,
  GithubWorkflowRun,
} from './githubTypes';
import {
  mapGithubDeployment,
  mapGithubWorkflowRun,
} from './mapGithubDeployment';
import { GithubSourceConfig } from './readGithubSourceConfig';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Where the next run of one repository starts: a creation time, and the revisions deployed. */
interface RepositoryCursor extends RevisionCursor {
  since: string;
}

/** The state key of a repository, e.g. `github.com/acme/api`. */
export function githubScope(
  repository: Pick<GithubRepository, 'host' | 'slug'>,
) {
  return `${repository.host}/${repository.slug}`;
}

function toCommit(commit: GithubCommit): SourceCommit & { url?: string } {
  return {
    sha: commit.sha,
    time: commit.commit.committer?.date ?? commit.commit.author?.date ?? '',
    ...(commit.commit.message ? { message: commit.commit.message } : {}),
    ...(commit.html_url ? { url: commit.html_url } : {}),
  };
}

/** A listed item with its creation time, and the observation made of it. */
interface Listed {
  created: string;
  sha: string;
  mapped: { deployment: ObservedDeployment } | { skipped: string };
}

/**
 * The GitHub source: the Deployments (and their newest statuses) of every repository a catalog
 * component names with `github.com/project-slug`, or, for a repository annotated with deployment
 * workflows (`release-orchestration.io/github-workflows`), the runs of those workflows. Each
 * deployed revision comes with its build: the commits since the revision deployed before it
 * (compare API), so lead times work without CI reporting builds.
 *
 * The first run of a repository reads `backfillDays` of history; later runs read from the
 * newest item seen (or the oldest still running, so its finish is seen), from the cursor the
 * plugin keeps per repository in its database: a restart or another replica continues there.
 * A repository that cannot be read (gone, no access, a long rate limit) is logged and left for
 * the next run; the others still report. `deployment_status` and `workflow_run` webhooks
 * (through the events backend) are recorded at once with the same idempotency keys, so a
 * webhook and a poll of the same event store one deployment.
 */
export class GithubDeploymentSource implements DeploymentSource {
  readonly id = 'github';
  /** Used when the backend passes no state (a source used on its own, tests). */
  private readonly memory = new InMemoryDeploymentSourceState();
  private recorder?: ObservationRecorder;
  private cachedRepositories?: { at: number; list: GithubRepository[] };

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

  connect(recorder: ObservationRecorder) {
    this.recorder = recorder;
  }

  async readDeployments(
    options: { signal?: AbortSignal; state?: DeploymentSourceState } = {},
  ): Promise<ObservedDeployment[]> {
    const now = this.options.now ?? Date.now;
    const repositories = await this.options.repositories();
    this.cachedRepositories = { at: now(), list: repositories };
    return pollScopes<GithubRepository, RepositoryCursor>({
      name: 'GitHub',
      scopes: repositories,
      scopeKey: githubScope,
      state: options.state ?? this.memory,
      logger: this.options.logger,
      initialCursor: () => ({
        since: new Date(
          now() - this.options.config.backfillDays * DAY_MS,
        ).toISOString(),
      }),
      read: (repository, cursor) =>
        this.readRepository(repository, cursor, options.signal),
      signal: options.signal,
    });
  }

  private async readRepository(
    repository: GithubRepository,
    cursor: RepositoryCursor,
    signal?: AbortSignal,
  ) {
    const { client, logger } = this.options;
    const credentialsUrl = `https://${repository.host}/${repository.slug}`;
    const base = `${repository.apiBaseUrl.replace(/\/+$/, '')}/repos/${
      repository.slug
    }`;
    const listed = repository.workflows
      ? await this.listWorkflowRuns(repository, base, cursor.since, signal)
      : await this.listDeployments(repository, base, cursor.since, signal);
    // Oldest first: builds follow the order revisions were deployed in.
    listed.sort((a, b) => a.created.localeCompare(b.created));
    const reader: CommitReader = {
      compare: async (from, to) => {
        const commits: SourceCommit[] = [];
        for await (const commit of client.paginate<GithubCommit>(
          `${base}/compare/${from}...${to}`,
          { signal, credentialsUrl, items: body => body.commits ?? [] },
        )) {
          commits.push(toCommit(commit));
        }
        return commits;
      },
      commit: async sha =>
        toCommit(
          await client.getJson<GithubCommit>(`${base}/commits/${sha}`, {
            signal,
            credentialsUrl,
          }),
        ),
      commitUrl: sha => `${credentialsUrl}/commit/${sha}`,
    };
    const builds = new RevisionBuilds(cursor, {
      name: `GitHub ${githubScope(repository)}`,
      reader,
      logger,
    });
    const observed: ObservedDeployment[] = [];
    let oldestRunning: string | undefined;
    for (const item of listed) {
      if ('skipped' in item.mapped) {
        logger.debug(`GitHub: skipped ${item.mapped.skipped}`);
        continue;
      }
      const deployment = item.mapped.deployment;
      const build = await builds.next(
        repository.componentRef,
        deployment.version,
        item.sha,
      );
      if (build) {
        deployment.build = build;
      }
      observed.push(deployment);
      if (deployment.status === 'started' && !oldestRunning) {
        oldestRunning = item.created;
      }
    }
    return {
      observed,
      cursor: {
        ...builds.cursor(),
        since:
          oldestRunning ?? listed[listed.length - 1]?.created ?? cursor.since,
      },
    };
  }

  private async listDeployments(
    repository: GithubRepository,
    base: string,
    since: string,
    signal?: AbortSignal,
  ): Promise<Listed[]> {
    const { client, config } = this.options;
    const credentialsUrl = `https://${repository.host}/${repository.slug}`;
    const deployments: GithubDeployment[] = [];
    // GitHub lists deployments newest first: stop at the first one older than the window.
    for await (const deployment of client.paginate<GithubDeployment>(
      `${base}/deployments`,
      { signal, credentialsUrl },
    )) {
      if (deployment.created_at < since) {
        break;
      }
      deployments.push(deployment);
    }
    const listed: Listed[] = [];
    for (const deployment of deployments) {
      const statuses = await client.getJson<GithubDeploymentStatus[]>(
        `${base}/deployments/${deployment.id}/statuses?per_page=100`,
        { signal, credentialsUrl },
      );
      listed.push({
        created: deployment.created_at,
        sha: deployment.sha,
        mapped: mapGithubDeployment(
          repository,
          deployment,
          statuses,
          config.environments,
        ),
      });
    }
    return listed;
  }

  private async listWorkflowRuns(
    repository: GithubRepository,
    base: string,
    since: string,
    signal?: AbortSignal,
  ): Promise<Listed[]> {
    const { client } = this.options;
    const credentialsUrl = `https://${repository.host}/${repository.slug}`;
    const listed: Listed[] = [];
    for (const workflow of repository.workflows ?? []) {
      const url = new URL(`${base}/actions/workflows/${workflow.file}/runs`);
      url.searchParams.set('created', `>=${since.replace(/\.\d{3}Z$/, 'Z')}`);
      url.searchParams.set('exclude_pull_requests', 'true');
      for await (const run of client.paginate<GithubWorkflowRun>(
        url.toString(),
        { signal, credentialsUrl, items: body => body.workflow_runs ?? [] },
      )) {
        listed.push({
          created: run.created_at,
          sha: run.head_sha,
          mapped: mapGithubWorkflowRun(repository, run, workflow.lane),
        });
      }
    }
    return listed;
  }

  /** The catalog's repositories, read at most once a minute for webhooks. */
  private async repositoriesFor(host: string, slug: string) {
    const now = (this.options.now ?? Date.now)();
    if (!this.cachedRepositories || now - this.cachedRepositories.at > 60_000) {
      this.cachedRepositories = {
        at: now,
        list: await this.options.repositories(),
      };
    }
    return this.cachedRepositories.list.filter(
      r => r.host === host && r.slug.toLowerCase() === slug.toLowerCase(),
    );
  }

  /**
   * Records a GitHub webhook delivered through the events backend (topics
   * `github.deployment_status`, `github.workflow_run`) at once, with the same keys a poll uses:
   * a webhook and a poll of one deployment store it once. The build of its revision (compare
   * API) comes with the next poll. Returns how many deployments it recorded.
   */
  async onWebhook(topic: string, payload: unknown): Promise<number> {
    const { config, logger } = this.options;
    const body = payload as {
      repository?: { full_name?: string; html_url?: string };
      deployment?: GithubDeployment;
      deployment_status?: GithubDeploymentStatus;
      workflow_run?: GithubWorkflowRun;
    };
    const fullName = body.repository?.full_name;
    const htmlUrl = body.repository?.html_url;
    if (!fullName || !htmlUrl || !this.recorder) {
      return 0;
    }
    let host: string;
    try {
      host = new URL(htmlUrl).host;
    } catch {
      return 0;
    }
    const observed: ObservedDeployment[] = [];
    for (const repository of await this.repositoriesFor(host, fullName)) {
      let mapped:
        | { deployment: ObservedDeployment }
        | { skipped: string }
        | undefined;
      if (
        topic.endsWith('deployment_status') &&
        body.deployment &&
        body.deployment_status &&
        !repository.workflows
      ) {
        mapped = mapGithubDeployment(
          repository,
          body.deployment,
          [body.deployment_status],
          config.environments,
        );
      } else if (topic.endsWith('workflow_run') && body.workflow_run) {
        const run = body.workflow_run;
        const workflow = repository.workflows?.find(
          w => run.path === `.github/workflows/${w.file}`,
        );
        if (workflow) {
          mapped = mapGithubWorkflowRun(repository, run, workflow.lane);
        }
      }
      if (mapped && 'deployment' in mapped) {
        observed.push(mapped.deployment);
      } else if (mapped) {
        logger.debug(`GitHub webhook: skipped ${mapped.skipped}`);
      }
    }
    if (observed.length > 0) {
      await this.recorder.record(observed);
    }
    return observed.length;
  }
}
