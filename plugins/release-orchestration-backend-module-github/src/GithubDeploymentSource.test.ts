import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import page1 from './__fixtures__/deployments-page1.json';
import page2 from './__fixtures__/deployments-page2.json';
import statuses from './__fixtures__/statuses.json';
import commits from './__fixtures__/commits.json';
import compare from './__fixtures__/compare.json';
import workflowRuns from './__fixtures__/workflow-runs.json';
import { InMemoryDeploymentSourceState } from '@release-orchestration/plugin-release-orchestration-node';
import { GithubClient } from './GithubClient';
import { GithubDeploymentSource } from './GithubDeploymentSource';
import { DEFAULT_ENVIRONMENTS } from './readGithubSourceConfig';

const server = setupServer();
registerMswTestHooks(server);

const api = 'https://api.github.com/repos';
const now = Date.parse('2026-11-23T00:00:00Z');

const payments = {
  host: 'github.com',
  apiBaseUrl: 'https://api.github.com',
  slug: 'acme/payments-api',
  componentRef: 'component:default/payments-api',
};
const gone = {
  host: 'github.com',
  apiBaseUrl: 'https://api.github.com',
  slug: 'acme/deleted',
  componentRef: 'component:default/deleted',
};
const ghe = {
  host: 'ghe.acme.example',
  apiBaseUrl: 'https://ghe.acme.example/api/v3',
  slug: 'core/ledger',
  componentRef: 'component:default/ledger',
};

/** GitHub's deployments listing in two pages linked by `Link`, and the statuses of each. */
function githubHandlers(seen: string[]) {
  return [
    http.get(`${api}/acme/payments-api/deployments`, ({ request }) => {
      const url = new URL(request.url);
      seen.push(
        `${request.headers.get('authorization')} ${url.pathname}${url.search}`,
      );
      if (url.searchParams.get('page') === '2') {
        return HttpResponse.json(page2, {
          headers: {
            link: `<${api}/acme/payments-api/deployments?per_page=100&page=1>; rel="first"`,
          },
        });
      }
      return HttpResponse.json(page1, {
        headers: {
          link: `<${api}/acme/payments-api/deployments?per_page=100&page=2>; rel="next", <${api}/acme/payments-api/deployments?per_page=100&page=2>; rel="last"`,
        },
      });
    }),
    http.get(
      `${api}/acme/payments-api/deployments/:id/statuses`,
      ({ params }) =>
        HttpResponse.json(
          (statuses as Record<string, unknown[]>)[String(params.id)] ?? [],
        ),
    ),
    http.get(`${api}/acme/payments-api/commits/:sha`, ({ params }) => {
      seen.push(`commit ${String(params.sha).slice(0, 4)}`);
      const found = (commits as Record<string, unknown>)[String(params.sha)];
      return found
        ? HttpResponse.json(found, {
            headers: { 'x-ratelimit-remaining': '4999' },
          })
        : HttpResponse.json(
            { message: 'No commit found for SHA', status: '422' },
            { status: 422 },
          );
    }),
    // The compare API, paged by `Link` like GitHub pages long comparisons.
    http.get(
      `${api}/acme/payments-api/compare/:range`,
      ({ request, params }) => {
        const url = new URL(request.url);
        const page = Number(url.searchParams.get('page') ?? '1');
        const range = String(params.range);
        seen.push(
          `compare ${range.slice(0, 4)}...${range
            .split('...')[1]
            ?.slice(0, 4)} page ${page}`,
        );
        const pages = (compare as Record<string, object[]>)[range];
        if (!pages) {
          return HttpResponse.json({ message: 'Not Found' }, { status: 404 });
        }
        const next = new URL(url);
        next.searchParams.set('page', String(page + 1));
        return HttpResponse.json(pages[page - 1], {
          headers: page < pages.length ? { link: `<${next}>; rel="next"` } : {},
        });
      },
    ),
    http.get(`${api}/acme/deleted/deployments`, () =>
      HttpResponse.json(
        {
          message: 'Not Found',
          documentation_url: 'https://docs.github.com/rest',
        },
        { status: 404 },
      ),
    ),
  ];
}

function source(repositories: Array<typeof payments>, sleeps: number[] = []) {
  const logger = mockServices.logger.mock();
  const client = new GithubClient({
    headers: async url => ({ Authorization: `token for ${new URL(url).host}` }),
    maxWaitMs: 60_000,
    sleep: async ms => {
      sleeps.push(ms);
    },
    now: () => now,
  });
  const github = new GithubDeploymentSource({
    repositories: async () => repositories,
    client,
    config: {
      backfillDays: 90,
      environments: DEFAULT_ENVIRONMENTS,
      maxRateLimitWaitSeconds: 60,
    },
    logger,
    now: () => now,
  });
  return { github, logger };
}

describe('GithubDeploymentSource', () => {
  it('backfills the window oldest first across pages, maps statuses and lanes, and keeps going past a repository that is gone', async () => {
    const seen: string[] = [];
    server.use(...githubHandlers(seen));
    const { github, logger } = source([gone, payments]);

    const observed = await github.readDeployments();

    expect(observed.map(({ build, ...d }) => d)).toEqual([
      {
        key: 'github.com/acme/payments-api/deployments/1001',
        environment: 'dev',
        component: 'component:default/payments-api',
        version: '0f1e2d3c4b5a',
        status: 'failed',
        startedAt: '2026-11-10T08:00:00Z',
        finishedAt: '2026-11-10T08:02:00Z',
        deployer: 'github:octocat',
      },
      {
        key: 'github.com/acme/payments-api/deployments/1002',
        environment: 'production',
        component: 'component:default/payments-api',
        version: '3.2.0',
        status: 'succeeded',
        startedAt: '2026-11-20T14:00:00Z',
        finishedAt: '2026-11-20T14:04:00Z',
        deployer: 'github:release-bot[bot]',
      },
      {
        key: 'github.com/acme/payments-api/deployments/1003',
        environment: 'staging',
        component: 'component:default/payments-api',
        version: 'v3.3.0',
        status: 'started',
        startedAt: '2026-11-22T09:00:00Z',
        deployer: 'github:octocat',
      },
    ]);
    // Deployment 900 is older than 90 days: the listing stops there.
    expect(seen.filter(r => r.startsWith('token'))).toEqual([
      'token for github.com /repos/acme/payments-api/deployments?per_page=100',
      'token for github.com /repos/acme/payments-api/deployments?per_page=100&page=2',
    ]);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining(
        'GitHub github.com/acme/deleted: not read this run: ScmHttpError: GitHub answered 404',
      ),
    );
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        'GitHub github.com/acme/payments-api: 3 deployment(s) (backfill); 2 of 2 read',
      ),
    );
  });

  it('reads on from the oldest running deployment on the next run, and finishes it once it has a final status', async () => {
    const seen: string[] = [];
    server.use(...githubHandlers(seen));
    const { github } = source([payments]);
    await github.readDeployments();
    seen.length = 0;
    server.use(
      http.get(`${api}/acme/payments-api/deployments/1003/statuses`, () =>
        HttpResponse.json([
          { id: 4, state: 'success', created_at: '2026-11-22T09:06:00Z' },
          { id: 3, state: 'in_progress', created_at: '2026-11-22T09:00:30Z' },
        ]),
      ),
    );
    const next = await github.readDeployments();
    expect(next.map(d => `${d.key} ${d.status}`)).toEqual([
      'github.com/acme/payments-api/deployments/1003 succeeded',
    ]);
    // No build read again: the revision's build was observed on the first run.
    expect(seen).toEqual([
      'token for github.com /repos/acme/payments-api/deployments?per_page=100',
    ]);
  });

  it('waits out a rate limit (Retry-After, x-ratelimit-reset) and leaves a repository whose limit lasts too long for the next run', async () => {
    let limited = 2;
    server.use(
      http.get(`${api}/acme/payments-api/deployments/1002/statuses`, () => {
        limited -= 1;
        if (limited === 1) {
          return HttpResponse.json(
            { message: 'You have exceeded a secondary rate limit' },
            { status: 403, headers: { 'retry-after': '30' } },
          );
        }
        if (limited === 0) {
          return HttpResponse.json(
            { message: 'API rate limit exceeded' },
            {
              status: 403,
              headers: {
                'x-ratelimit-remaining': '0',
                'x-ratelimit-reset': String(now / 1000 + 5),
              },
            },
          );
        }
        return HttpResponse.json(statuses['1002']);
      }),
      http.get(
        'https://ghe.acme.example/api/v3/repos/core/ledger/deployments',
        () =>
          HttpResponse.json(
            { message: 'API rate limit exceeded' },
            {
              status: 403,
              headers: {
                'x-ratelimit-remaining': '0',
                'x-ratelimit-reset': String(now / 1000 + 3600),
              },
            },
          ),
      ),
      ...githubHandlers([]),
    );
    const sleeps: number[] = [];
    const { github, logger } = source(
      [ghe as typeof payments, payments],
      sleeps,
    );
    const observed = await github.readDeployments();
    expect(sleeps).toEqual([30_000, 6_000]);
    expect(observed.map(d => d.key)).toContain(
      'github.com/acme/payments-api/deployments/1002',
    );
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining(
        'GitHub ghe.acme.example/core/ledger: not read this run: ScmRateLimitError: GitHub rate limit',
      ),
    );
  });

  it('gives each deployed revision a build with the commits since the one deployed before it (compare API, paged), messages and times', async () => {
    const seen: string[] = [];
    server.use(...githubHandlers(seen));
    const { github } = source([payments]);
    const observed = await github.readDeployments();
    expect(
      observed.map(d => [
        d.version,
        d.build?.version,
        d.build?.commitSha.slice(0, 4),
        d.build?.commits?.map(
          c => `${c.sha.slice(0, 4)} ${c.time} ${c.message}`,
        ),
      ]),
    ).toEqual([
      [
        '0f1e2d3c4b5a',
        '0f1e2d3c4b5a',
        '0f1e',
        ['0f1e 2026-11-09T16:00:00Z Add refunds endpoint (#41)'],
      ],
      [
        '3.2.0',
        '3.2.0',
        'a1b2',
        [
          '5e5e 2026-11-18T10:00:00Z Fix rounding of refunds (#44)',
          'a1b2 2026-11-19T12:00:00Z Merge pull request #45 from acme/release-3.2\n\nRelease 3.2.0',
        ],
      ],
      [
        'v3.3.0',
        'v3.3.0',
        '7638',
        [
          '6f6f 2026-11-21T09:00:00Z PAY-17: validate currency (#47)',
          '7638 2026-11-21T15:00:00Z Bump version to 3.3.0 (#48)',
        ],
      ],
    ]);
    expect(observed[1].build).toMatchObject({
      component: 'component:default/payments-api',
      artifactUri:
        'https://github.com/acme/payments-api/commit/a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
      artifactDigest: 'sha1:a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
      commitTime: '2026-11-19T12:00:00Z',
    });
    expect(seen.filter(r => !r.startsWith('token'))).toEqual([
      'commit 0f1e',
      'compare 0f1e...a1b2 page 1',
      'compare a1b2...7638 page 1',
      'compare a1b2...7638 page 2',
    ]);
  });

  it('continues from the saved state after a restart (a new source), and keeps its own commit for a force-pushed revision', async () => {
    const seen: string[] = [];
    server.use(...githubHandlers(seen));
    const state = new InMemoryDeploymentSourceState();
    await source([payments]).github.readDeployments({ state });
    expect(state.cursors.get('github.com/acme/payments-api')).toMatchObject({
      since: '2026-11-22T09:00:00Z',
      lastSha: '7638417db6d59f3c431d3e1f261cc637155684cd',
    });
    seen.length = 0;
    // After the restart, a deployment of a revision that was force-pushed onto another base.
    const forced = {
      ...page1[0],
      id: 1004,
      sha: 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0',
      ref: 'v3.3.1',
      environment: 'production',
      created_at: '2026-11-22T12:00:00Z',
    };
    server.use(
      http.get(`${api}/acme/payments-api/deployments`, ({ request }) => {
        seen.push(`list ${new URL(request.url).search}`);
        return HttpResponse.json([forced, ...page1]);
      }),
      http.get(
        `${api}/acme/payments-api/commits/f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0`,
        () => {
          seen.push('commit f0f0');
          return HttpResponse.json({
            sha: 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0',
            html_url: 'https://github.com/acme/payments-api/commit/f0f0',
            commit: {
              message: 'Hotfix on a rewritten branch',
              committer: { date: '2026-11-22T11:00:00Z' },
            },
          });
        },
      ),
      http.get(`${api}/acme/payments-api/deployments/1004/statuses`, () =>
        HttpResponse.json([
          { id: 9, state: 'success', created_at: '2026-11-22T12:03:00Z' },
        ]),
      ),
    );
    const { github: restarted, logger } = source([payments]);
    const observed = await restarted.readDeployments({ state });
    expect(
      observed.map(d => `${d.key} ${d.status} ${d.build?.commits?.length}`),
    ).toEqual([
      'github.com/acme/payments-api/deployments/1003 started undefined',
      'github.com/acme/payments-api/deployments/1004 succeeded 1',
    ]);
    // 7638 was built on the first run (no second build); f0f0 cannot be compared with it
    // (GitHub answers 404 after a force push), so its build has its own commit only.
    expect(seen).toEqual([
      'list ?per_page=100',
      'compare 7638...f0f0 page 1',
      'commit f0f0',
    ]);
    expect(logger.info).toHaveBeenCalledWith(
      'GitHub github.com/acme/payments-api: 2 deployment(s); 1 of 1 read',
    );
  });

  it('reads deployment workflow runs for a repository annotated without Deployments: one deployment per attempt, cancelled runs skipped', async () => {
    const requests: string[] = [];
    const web = {
      host: 'github.com',
      apiBaseUrl: 'https://api.github.com',
      slug: 'acme/web',
      componentRef: 'component:default/web',
      workflows: [{ file: 'deploy.yml', lane: 'production' }],
    };
    server.use(
      http.get(
        `${api}/acme/web/actions/workflows/deploy.yml/runs`,
        ({ request }) => {
          const url = new URL(request.url);
          requests.push(url.search);
          return HttpResponse.json(workflowRuns);
        },
      ),
      http.get(`${api}/acme/web/commits/:sha`, ({ params }) =>
        HttpResponse.json({
          sha: params.sha,
          html_url: `https://github.com/acme/web/commit/${params.sha}`,
          commit: {
            message: 'Release',
            committer: { date: '2026-11-18T00:00:00Z' },
          },
        }),
      ),
      http.get(`${api}/acme/web/compare/:range`, () =>
        HttpResponse.json({ status: 'ahead', commits: [] }),
      ),
    );
    const { github } = source([web as typeof payments]);
    const observed = await github.readDeployments();
    expect(observed.map(({ build, ...d }) => d)).toEqual([
      {
        key: 'github.com/acme/web/actions/runs/5001/attempts/1',
        environment: 'production',
        component: 'component:default/web',
        version: 'v2.0.0',
        status: 'succeeded',
        startedAt: '2026-11-19T10:00:00Z',
        finishedAt: '2026-11-19T10:05:00Z',
        deployer: 'github:octocat',
      },
      {
        key: 'github.com/acme/web/actions/runs/5003/attempts/2',
        environment: 'production',
        component: 'component:default/web',
        version: 'v2.0.1',
        status: 'failed',
        startedAt: '2026-11-21T10:00:00Z',
        finishedAt: '2026-11-21T10:06:00Z',
        deployer: 'github:octocat',
      },
      {
        key: 'github.com/acme/web/actions/runs/5004/attempts/1',
        environment: 'production',
        component: 'component:default/web',
        version: 'v2.1.0',
        status: 'started',
        startedAt: '2026-11-22T10:00:00Z',
        deployer: 'github:octocat',
      },
    ]);
    expect(requests).toEqual([
      '?created=%3E%3D2026-08-25T00%3A00%3A00Z&exclude_pull_requests=true&per_page=100',
    ]);
  });

  it('records deployment_status and workflow_run webhooks with the keys a poll uses, for annotated repositories only', async () => {
    const { github } = source([payments]);
    const recorded: string[] = [];
    github.connect({
      record: async observations => {
        recorded.push(
          ...observations.map(o => `${o.key} ${o.status} ${o.environment}`),
        );
      },
    });
    const repository = {
      id: 7,
      full_name: 'Acme/Payments-API',
      html_url: 'https://github.com/Acme/Payments-API',
    };
    // Shaped like GitHub's `deployment_status` webhook payload.
    const count = await github.onWebhook('github.deployment_status', {
      action: 'created',
      deployment_status: {
        id: 77,
        state: 'success',
        environment: 'prod',
        created_at: '2026-11-20T14:04:00Z',
        creator: { login: 'release-bot[bot]' },
      },
      deployment: page1[1],
      repository,
      sender: { login: 'release-bot[bot]' },
    });
    expect(count).toBe(1);
    expect(
      await github.onWebhook('github.deployment_status', {
        action: 'created',
        deployment_status: {
          state: 'success',
          created_at: '2026-11-20T14:04:00Z',
        },
        deployment: page1[1],
        repository: {
          full_name: 'acme/other',
          html_url: 'https://github.com/acme/other',
        },
      }),
    ).toBe(0);
    // No workflow is annotated for this repository: its runs are not deployments.
    expect(
      await github.onWebhook('github.workflow_run', {
        action: 'completed',
        workflow_run: workflowRuns.workflow_runs[3],
        repository,
      }),
    ).toBe(0);
    expect(recorded).toEqual([
      'github.com/acme/payments-api/deployments/1002 succeeded production',
    ]);
    // The poll observes the same deployment under the same key.
    server.use(...githubHandlers([]));
    const polled = await github.readDeployments();
    expect(polled.map(d => d.key)).toContain(
      'github.com/acme/payments-api/deployments/1002',
    );
  });
});
