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
import { GitlabClient } from './GitlabClient';
import {
  GitlabCommit,
  GitlabDeployment,
  GitlabEnvironment,
  GitlabProject,
} from './gitlabTypes';
import { gitlabLane, mapGitlabDeployment } from './mapGitlabDeployment';
import { GitlabSourceConfig } from './readGitlabSourceConfig';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Where the next run of one project starts, and the revisions deployed (for compare). */
interface ProjectCursor extends RevisionCursor {
  updatedAfter: string;
}

function toCommit(commit: GitlabCommit): SourceCommit & { url?: string } {
  return {
    sha: commit.id,
    time: commit.committed_date,
    ...(commit.title ? { message: commit.title } : {}),
    ...(commit.web_url ? { url: commit.web_url } : {}),
  };
}

/** The state key of a project, e.g. `gitlab.com/acme/payments/api`. */
export function gitlabScope(project: Pick<GitlabProject, 'host' | 'slug'>) {
  return `${project.host}/${project.slug}`;
}

/**
 * The GitLab source: the Deployments of every project a catalog component names with
 * `gitlab.com/project-slug`, in lanes by environment name and tier, each with the build of its
 * revision: the commits since the revision deployed before it (compare API), so lead times work
 * without CI reporting builds. The first run reads `backfillDays` of history oldest first; later
 * runs read what was updated since (a running deployment comes back when it finishes), from the
 * cursor kept per project in the plugin's database, so a restart or another replica continues
 * where the last run stopped. A project that cannot be read (gone, no access, a long rate limit)
 * is logged and left for the next run. Everything is recorded through the plugin's ingest path,
 * idempotent on the deployment id and on component + version.
 */
export class GitlabDeploymentSource implements DeploymentSource {
  readonly id = 'gitlab';
  /** Used when the backend passes no state (a source used on its own, tests). */
  private readonly memory = new InMemoryDeploymentSourceState();
  private recorder?: ObservationRecorder;
  private cachedProjects?: { at: number; list: GitlabProject[] };

  constructor(
    private readonly options: {
      projects: () => Promise<GitlabProject[]>;
      client: GitlabClient;
      config: GitlabSourceConfig;
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
    const projects = await this.options.projects();
    this.cachedProjects = {
      at: (this.options.now ?? Date.now)(),
      list: projects,
    };
    return pollScopes<GitlabProject, ProjectCursor>({
      name: 'GitLab',
      scopes: projects,
      scopeKey: gitlabScope,
      state: options.state ?? this.memory,
      logger: this.options.logger,
      initialCursor: () => ({
        updatedAfter: new Date(
          (this.options.now ?? Date.now)() -
            this.options.config.backfillDays * DAY_MS,
        ).toISOString(),
      }),
      read: (project, cursor) =>
        this.readProject(project, cursor, options.signal),
      signal: options.signal,
    });
  }

  private async readProject(
    project: GitlabProject,
    cursor: ProjectCursor,
    signal?: AbortSignal,
  ) {
    const { client, config, logger } = this.options;
    const base = `${project.apiBaseUrl.replace(
      /\/+$/,
      '',
    )}/projects/${encodeURIComponent(project.slug)}`;
    const tiers = new Map<string, string | null | undefined>();
    for await (const environment of client.paginate<GitlabEnvironment>(
      `${base}/environments`,
      { signal },
    )) {
      tiers.set(environment.name, environment.tier);
    }
    const listUrl = new URL(`${base}/deployments`);
    listUrl.searchParams.set('order_by', 'updated_at');
    listUrl.searchParams.set('sort', 'asc');
    listUrl.searchParams.set('updated_after', cursor.updatedAfter);
    const listed: GitlabDeployment[] = [];
    for await (const deployment of client.paginate<GitlabDeployment>(
      listUrl.toString(),
      { signal },
    )) {
      listed.push(deployment);
    }
    // Builds follow the order things were deployed in, so each commit belongs to the first
    // revision that shipped it.
    listed.sort((a, b) => a.created_at.localeCompare(b.created_at));
    const reader: CommitReader = {
      compare: async (from, to) =>
        (
          (
            await client.getJson<{ commits?: GitlabCommit[] }>(
              `${base}/repository/compare?from=${from}&to=${to}`,
              { signal },
            )
          ).commits ?? []
        ).map(toCommit),
      commit: async sha =>
        toCommit(
          await client.getJson<GitlabCommit>(
            `${base}/repository/commits/${sha}`,
            { signal },
          ),
        ),
      commitUrl: sha =>
        `${project.baseUrl.replace(/\/+$/, '')}/${
          project.slug
        }/-/commit/${sha}`,
    };
    const builds = new RevisionBuilds(cursor, {
      name: `GitLab ${gitlabScope(project)}`,
      reader,
      logger,
    });
    const observed: ObservedDeployment[] = [];
    for (const deployment of listed) {
      const lane = gitlabLane(
        deployment.environment.name,
        deployment.environment.tier ?? tiers.get(deployment.environment.name),
        config.environments,
      );
      const mapped = mapGitlabDeployment(project, deployment, lane);
      if ('skipped' in mapped) {
        logger.debug(`GitLab: skipped ${mapped.skipped}`);
        continue;
      }
      const build = await builds.next(
        project.componentRef,
        mapped.deployment.version,
        deployment.sha,
      );
      if (build) {
        mapped.deployment.build = build;
      }
      observed.push(mapped.deployment);
    }
    const newest = listed.reduce<string | undefined>(
      (max, d) => (!max || d.updated_at > max ? d.updated_at : max),
      undefined,
    );
    // A deployment that changes later (running -> success) is updated, so it is read again.
    return {
      observed,
      cursor: {
        ...builds.cursor(),
        updatedAfter: newest ?? cursor.updatedAfter,
      },
    };
  }

  /** The catalog's projects, read at most once a minute for webhooks. */
  private async projectsFor(host: string, slug: string) {
    const now = (this.options.now ?? Date.now)();
    if (!this.cachedProjects || now - this.cachedProjects.at > 60_000) {
      this.cachedProjects = { at: now, list: await this.options.projects() };
    }
    return this.cachedProjects.list.filter(
      p => p.host === host && p.slug.toLowerCase() === slug.toLowerCase(),
    );
  }

  /**
   * Records a GitLab deployment webhook (`object_kind: deployment`, delivered through the events
   * backend) at once: the deployment is read from the Deployments API by its id, so it is mapped
   * exactly as a poll maps it (same key, version, times), and a webhook and a poll store it once.
   * The build of its revision comes with the next poll. Returns how many deployments it recorded.
   */
  async onWebhook(payload: unknown): Promise<number> {
    const { client, config, logger } = this.options;
    const body = payload as {
      object_kind?: string;
      deployment_id?: number;
      environment_tier?: string | null;
      project?: { path_with_namespace?: string; web_url?: string };
    };
    const slug = body.project?.path_with_namespace;
    if (
      body.object_kind !== 'deployment' ||
      !Number.isInteger(body.deployment_id) ||
      !slug ||
      !body.project?.web_url ||
      !this.recorder
    ) {
      return 0;
    }
    let host: string;
    try {
      host = new URL(body.project.web_url).host;
    } catch {
      return 0;
    }
    const observed: ObservedDeployment[] = [];
    for (const project of await this.projectsFor(host, slug)) {
      const deployment = await client.getJson<GitlabDeployment>(
        `${project.apiBaseUrl.replace(
          /\/+$/,
          '',
        )}/projects/${encodeURIComponent(project.slug)}/deployments/${
          body.deployment_id
        }`,
      );
      const lane = gitlabLane(
        deployment.environment.name,
        deployment.environment.tier ?? body.environment_tier,
        config.environments,
      );
      const mapped = mapGitlabDeployment(project, deployment, lane);
      if ('skipped' in mapped) {
        logger.debug(`GitLab webhook: skipped ${mapped.skipped}`);
      } else {
        observed.push(mapped.deployment);
      }
    }
    if (observed.length > 0) {
      await this.recorder.record(observed);
    }
    return observed.length;
  }
}
