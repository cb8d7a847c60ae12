import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import page1 from './__fixtures__/deployments-page1.json';
import page2 from './__fixtures__/deployments-page2.json';
import statuses from './__fixtures__/statuses.json';
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

    expect(observed).toEqual([
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
    expect(seen).toEqual([
      'token for github.com /repos/acme/payments-api/deployments?per_page=100',
      'token for github.com /repos/acme/payments-api/deployments?per_page=100&page=2',
    ]);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining(
        'GitHub github.com/acme/deleted: not read this run: Error: GitHub answered 404',
      ),
    );
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        'github.com/acme/payments-api: 3 deployment(s) since 2026-08-25T00:00:00.000Z (backfill); 2 of 2 repositories read',
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
        'GitHub ghe.acme.example/core/ledger: not read this run: GithubRateLimitError: GitHub rate limit',
      ),
    );
  });
});
