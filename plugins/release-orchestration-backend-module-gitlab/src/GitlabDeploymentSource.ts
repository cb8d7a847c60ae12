import {
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  buildFromCommits,
  DeploymentSource,
  ObservedBuild,
  ObservedDeployment,
  SourceCommit,
} from '@release-orchestration/plugin-release-orchestration-node';
import { GitlabClient, GitlabRateLimitError } from './GitlabClient';
import {
  GitlabCommit,
  GitlabDeployment,
  GitlabEnvironment,
  GitlabProject,
} from './gitlabTypes';
import { gitlabLane, mapGitlabDeployment } from './mapGitlabDeployment';
import { GitlabSourceConfig } from './readGitlabSourceConfig';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Where the next run of one project starts, and the revision deployed last (for compare). */
interface ProjectState {
  updatedAfter: string;
  lastSha?: string;
  built: Set<string>;
}

function toCommit(commit: GitlabCommit): SourceCommit {
  return {
    sha: commit.id,
    time: commit.committed_date,
    ...(commit.title ? { message: commit.title } : {}),
  };
}

/**
 * The GitLab source: the Deployments of every project a catalog component names with
 * `gitlab.com/project-slug`, in lanes by environment name and tier, each with the build of its
 * revision: the commits since the revision deployed before it (compare API), so lead times work
 * without CI reporting builds. The first run reads `backfillDays` of history oldest first; later
 * runs read what was updated since (a running deployment comes back when it finishes). A project
 * that cannot be read (gone, no access, a long rate limit) is logged and left for the next run.
 * Everything is recorded through the plugin's ingest path, idempotent on the deployment id and
 * on component + version, so a repeated backfill (e.g. after a restart) changes nothing.
 */
export class GitlabDeploymentSource implements DeploymentSource {
  readonly id = 'gitlab';
  private readonly state = new Map<string, ProjectState>();

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

  async readDeployments(
    options: { signal?: AbortSignal } = {},
  ): Promise<ObservedDeployment[]> {
    const { logger } = this.options;
    const projects = await this.options.projects();
    const observed: ObservedDeployment[] = [];
    for (const [i, project] of projects.entries()) {
      const key = `${project.host}/${project.slug}`;
      const backfill = !this.state.has(key);
      const state = this.state.get(key) ?? {
        updatedAfter: new Date(
          (this.options.now ?? Date.now)() -
            this.options.config.backfillDays * DAY_MS,
        ).toISOString(),
        built: new Set<string>(),
      };
      try {
        const found = await this.readProject(project, state, options.signal);
        observed.push(...found);
        this.state.set(key, state);
        logger.info(
          `GitLab ${key}: ${found.length} deployment(s) updated since ${
            found.since
          }${backfill ? ' (backfill)' : ''}; ${i + 1} of ${
            projects.length
          } projects read`,
        );
      } catch (error) {
        logger.error(`GitLab ${key}: not read this run: ${error}`);
      }
    }
    return observed.sort((a, b) =>
      (a.startedAt ?? '').localeCompare(b.startedAt ?? ''),
    );
  }

  /** Reads one project; `state` is only changed once the whole project was read. */
  private async readProject(
    project: GitlabProject,
    state: ProjectState,
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
      signal,
    )) {
      tiers.set(environment.name, environment.tier);
    }
    const listUrl = new URL(`${base}/deployments`);
    listUrl.searchParams.set('order_by', 'updated_at');
    listUrl.searchParams.set('sort', 'asc');
    listUrl.searchParams.set('updated_after', state.updatedAfter);
    const listed: GitlabDeployment[] = [];
    for await (const deployment of client.paginate<GitlabDeployment>(
      listUrl.toString(),
      signal,
    )) {
      listed.push(deployment);
    }
    // Builds follow the order things were deployed in, so each commit belongs to the first
    // revision that shipped it.
    listed.sort((a, b) => a.created_at.localeCompare(b.created_at));
    const next = { ...state, built: new Set(state.built) };
    const deployments: ObservedDeployment[] = [];
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
      const sha = deployment.sha.toLowerCase();
      if (!next.built.has(sha)) {
        const build = await this.buildOf(
          project,
          base,
          mapped.deployment.version,
          sha,
          next.lastSha,
          signal,
        );
        if (build) {
          next.built.add(sha);
          mapped.deployment.build = build;
        }
      }
      next.lastSha = sha;
      deployments.push(mapped.deployment);
    }
    const newest = listed.reduce<string | undefined>(
      (max, d) => (!max || d.updated_at > max ? d.updated_at : max),
      undefined,
    );
    const since = state.updatedAfter;
    // A deployment that changes later (running -> success) is updated, so it is read again.
    state.updatedAfter = newest ?? state.updatedAfter;
    state.lastSha = next.lastSha;
    state.built = next.built;
    return Object.assign(deployments, { since });
  }

  /**
   * The build of a deployed revision: its commit and the commits since the revision deployed
   * before it (only its own commit when they cannot be compared, e.g. after a force push). A
   * revision GitLab no longer has gets none; the deployment is still recorded.
   */
  private async buildOf(
    project: GitlabProject,
    base: string,
    version: string,
    sha: string,
    previousSha: string | undefined,
    signal?: AbortSignal,
  ): Promise<ObservedBuild | undefined> {
    const { client, logger } = this.options;
    const name = `${project.host}/${project.slug}`;
    let commits: GitlabCommit[] = [];
    if (previousSha && previousSha !== sha) {
      try {
        const compare = await client.getJson<{ commits?: GitlabCommit[] }>(
          `${base}/repository/compare?from=${previousSha}&to=${sha}`,
          signal,
        );
        commits = compare.commits ?? [];
      } catch (error) {
        if (error instanceof GitlabRateLimitError) {
          throw error;
        }
        // E.g. the previous revision was force-pushed away: the build has its own commit only.
        logger.warn(
          `GitLab ${name}: no commits between ${previousSha.slice(
            0,
            12,
          )} and ${sha.slice(0, 12)}: ${error}`,
        );
      }
    }
    try {
      const head =
        commits.find(c => c.id.toLowerCase() === sha) ??
        (await client.getJson<GitlabCommit>(
          `${base}/repository/commits/${sha}`,
          signal,
        ));
      return buildFromCommits({
        component: project.componentRef,
        version,
        head: toCommit(head),
        commits: commits.map(toCommit),
        commitUrl:
          head.web_url ??
          `${project.baseUrl.replace(/\/+$/, '')}/${
            project.slug
          }/-/commit/${sha}`,
      });
    } catch (error) {
      if (error instanceof GitlabRateLimitError) {
        throw error;
      }
      logger.warn(`GitLab ${name}: no build for ${sha.slice(0, 12)}: ${error}`);
      return undefined;
    }
  }
}
