import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import commits from './__fixtures__/commits.json';
import compare from './__fixtures__/compare.json';
import page1 from './__fixtures__/deployments-page1.json';
import page2 from './__fixtures__/deployments-page2.json';
import environments from './__fixtures__/environments.json';
import deploymentWebhook from './__fixtures__/deployment-webhook.json';
import { GitlabClient } from './GitlabClient';
import { GitlabDeploymentSource } from './GitlabDeploymentSource';

const server = setupServer();
registerMswTestHooks(server);

const api = 'https://gitlab.com/api/v4/projects/acme%2Fpayments%2Fapi';
const now = Date.parse('2026-11-23T00:00:00Z');

const payments = {
  host: 'gitlab.com',
  apiBaseUrl: 'https://gitlab.com/api/v4',
  baseUrl: 'https://gitlab.com',
  slug: 'acme/payments/api',
  componentRef: 'component:default/payments-api',
};
const gone = {
  ...payments,
  slug: 'acme/deleted',
  componentRef: 'component:default/deleted',
};
const selfManaged = {
  host: 'gitlab.acme.example',
  apiBaseUrl: 'https://gitlab.acme.example/api/v4',
  baseUrl: 'https://gitlab.acme.example',
  slug: 'core/ledger',
  componentRef: 'component:default/ledger',
};

/**
 * GitLab's answers for acme/payments/api: environments in two pages linked by `x-next-page`
 * only, deployments in two pages linked by `Link`, compare and single commits. The compare of
 * v3.2.1 with v3.3.0 fails as after a force push.
 */
function gitlabHandlers(seen: string[]) {
  const record = (request: Request) => {
    const url = new URL(request.url);
    seen.push(
      `${request.headers.get('authorization')} ${decodeURIComponent(
        url.pathname.replace('/api/v4/projects/', ''),
      )}${url.search}`,
    );
    return url;
  };
  return [
    http.get(`${api}/environments`, ({ request }) => {
      const url = record(request);
      return url.searchParams.get('page') === '2'
        ? HttpResponse.json(environments.slice(2), {
            headers: { 'x-page': '2', 'x-next-page': '' },
          })
        : HttpResponse.json(environments.slice(0, 2), {
            headers: { 'x-page': '1', 'x-next-page': '2' },
          });
    }),
    http.get(`${api}/deployments`, ({ request }) => {
      const url = record(request);
      if (url.searchParams.get('page') === '2') {
        return HttpResponse.json(page2, { headers: { 'x-next-page': '' } });
      }
      const next = new URL(url);
      next.searchParams.set('page', '2');
      return HttpResponse.json(page1, {
        headers: { link: `<${next}>; rel="next"`, 'x-next-page': '2' },
      });
    }),
    http.get(`${api}/repository/compare`, ({ request }) => {
      const url = record(request);
      const found = (compare as Record<string, unknown>)[
        `${url.searchParams.get('from')}..${url.searchParams.get('to')}`
      ];
      return found
        ? HttpResponse.json(found)
        : HttpResponse.json(
            { message: '404 Commit Not Found' },
            { status: 404 },
          );
    }),
    http.get(`${api}/repository/commits/:sha`, ({ request, params }) => {
      record(request);
      const found = (commits as Record<string, unknown>)[String(params.sha)];
      return found
        ? HttpResponse.json(found)
        : HttpResponse.json(
            { message: '404 Commit Not Found' },
            { status: 404 },
          );
    }),
    http.get(
      'https://gitlab.com/api/v4/projects/acme%2Fdeleted/environments',
      () =>
        HttpResponse.json(
          { message: '404 Project Not Found' },
          { status: 404 },
        ),
    ),
  ];
}

function source(projects: Array<typeof payments>, sleeps: number[] = []) {
  const logger = mockServices.logger.mock();
  const client = new GitlabClient({
    headers: async url => ({
      Authorization: `Bearer token-for-${new URL(url).host}`,
    }),
    maxWaitMs: 60_000,
    sleep: async ms => {
      sleeps.push(ms);
    },
    now: () => now,
  });
  const gitlab = new GitlabDeploymentSource({
    projects: async () => projects,
    client,
    config: {
      backfillDays: 90,
      environments: { development: 'dev' },
      maxRateLimitWaitSeconds: 60,
    },
    logger,
    now: () => now,
  });
  return { gitlab, logger };
}

describe('GitlabDeploymentSource', () => {
  it('backfills the window oldest first across pages, maps lanes by name and tier, builds from compared commits, and keeps going past a project that is gone', async () => {
    const seen: string[] = [];
    server.use(...gitlabHandlers(seen));
    const { gitlab, logger } = source([gone, payments]);

    const observed = await gitlab.readDeployments();

    expect(observed.map(({ build, ...d }) => d)).toEqual([
      {
        key: 'gitlab.com/acme/payments/api/deployments/11',
        environment: 'dev',
        component: 'component:default/payments-api',
        version: 'aaaaaaaaaaaa',
        status: 'succeeded',
        startedAt: '2026-11-10T08:00:00.000Z',
        finishedAt: '2026-11-10T08:03:00.000Z',
        deployer: 'gitlab:alice',
      },
      {
        key: 'gitlab.com/acme/payments/api/deployments/12',
        environment: 'production',
        component: 'component:default/payments-api',
        version: 'v3.2.0',
        status: 'failed',
        startedAt: '2026-11-15T10:00:00.000Z',
        finishedAt: '2026-11-15T10:05:00.000Z',
        deployer: 'gitlab:release-bot',
      },
      {
        key: 'gitlab.com/acme/payments/api/deployments/13',
        environment: 'staging',
        component: 'component:default/payments-api',
        version: 'v3.2.1',
        status: 'succeeded',
        startedAt: '2026-11-20T14:00:00.000Z',
        finishedAt: '2026-11-20T14:04:00.000Z',
        deployer: 'gitlab:release-bot',
      },
      {
        key: 'gitlab.com/acme/payments/api/deployments/15',
        environment: 'production',
        component: 'component:default/payments-api',
        version: 'v3.3.0',
        status: 'started',
        startedAt: '2026-11-22T09:00:00.000Z',
        deployer: 'gitlab:alice',
      },
    ]);
    expect(
      observed.map(d => [
        d.build?.version,
        d.build?.commitTime,
        d.build?.commits?.map(c => `${c.sha.slice(0, 4)} ${c.message}`),
      ]),
    ).toEqual([
      [
        'aaaaaaaaaaaa',
        '2026-11-09T16:00:00.000Z',
        ['aaaa Add refunds endpoint'],
      ],
      [
        'v3.2.0',
        '2026-11-14T12:00:00.000Z',
        ['abab Round refunds to cents', 'bbbb Release 3.2.0'],
      ],
      ['v3.2.1', '2026-11-19T17:30:00.000Z', ['cccc Fix currency of refunds']],
      // The compare failed (history rewritten): the build has its own commit.
      ['v3.3.0', '2026-11-21T18:00:00.000Z', ['eeee Release 3.3.0']],
    ]);
    expect(observed[1].build).toMatchObject({
      artifactUri:
        'https://gitlab.com/acme/payments/api/-/commit/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
      artifactDigest: 'sha1:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
      commitSha: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
    });
    expect(seen.slice(0, 4)).toEqual([
      'Bearer token-for-gitlab.com acme/payments/api/environments?per_page=100',
      'Bearer token-for-gitlab.com acme/payments/api/environments?per_page=100&page=2',
      'Bearer token-for-gitlab.com acme/payments/api/deployments?order_by=updated_at&sort=asc&updated_after=2026-08-25T00%3A00%3A00.000Z&per_page=100',
      'Bearer token-for-gitlab.com acme/payments/api/deployments?order_by=updated_at&sort=asc&updated_after=2026-08-25T00%3A00%3A00.000Z&per_page=100&page=2',
    ]);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining(
        'GitLab gitlab.com/acme/deleted: not read this run: ScmHttpError: GitLab answered 404',
      ),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'no commits between cccccccccccc and eeeeeeeeeeee',
      ),
    );
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        'GitLab gitlab.com/acme/payments/api: 4 deployment(s) (backfill); 2 of 2 read',
      ),
    );
  });

  it('reads on from the newest update on the next run, finishes the running deployment, and does not rebuild a revision', async () => {
    const seen: string[] = [];
    server.use(...gitlabHandlers(seen));
    const { gitlab } = source([payments]);
    await gitlab.readDeployments();
    seen.length = 0;
    server.use(
      http.get(`${api}/deployments`, ({ request }) => {
        const url = new URL(request.url);
        seen.push(`deployments ${url.searchParams.get('updated_after')}`);
        return HttpResponse.json([
          {
            ...page2[2],
            status: 'success',
            updated_at: '2026-11-22T09:06:00.000Z',
            finished_at: '2026-11-22T09:06:00.000Z',
          },
        ]);
      }),
    );
    const next = await gitlab.readDeployments();
    expect(
      next.map(d => `${d.key} ${d.status} ${d.finishedAt} ${!!d.build}`),
    ).toEqual([
      'gitlab.com/acme/payments/api/deployments/15 succeeded 2026-11-22T09:06:00.000Z false',
    ]);
    expect(seen.filter(s => !s.includes('environments'))).toEqual([
      'deployments 2026-11-22T09:00:30.000Z',
    ]);
  });

  it('waits out rate limits (Retry-After, RateLimit-Reset) without failing the run, and leaves a project whose limit lasts too long for the next run', async () => {
    let limited = 2;
    server.use(
      http.get(`${api}/repository/compare`, ({ request }) => {
        const url = new URL(request.url);
        if (url.searchParams.get('to')?.startsWith('c') && limited > 0) {
          limited -= 1;
          return limited === 1
            ? HttpResponse.json(
                { message: '429 Too Many Requests' },
                { status: 429, headers: { 'retry-after': '20' } },
              )
            : HttpResponse.json(
                { message: '429 Too Many Requests' },
                {
                  status: 429,
                  headers: {
                    'ratelimit-remaining': '0',
                    'ratelimit-reset': String(now / 1000 + 5),
                  },
                },
              );
        }
        return undefined;
      }),
      http.get(
        'https://gitlab.acme.example/api/v4/projects/core%2Fledger/environments',
        () =>
          HttpResponse.json(
            { message: '429 Too Many Requests' },
            {
              status: 429,
              headers: { 'ratelimit-reset': String(now / 1000 + 3600) },
            },
          ),
      ),
      ...gitlabHandlers([]),
    );
    const sleeps: number[] = [];
    const { gitlab, logger } = source([selfManaged, payments], sleeps);
    const observed = await gitlab.readDeployments();
    expect(sleeps).toEqual([20_000, 6_000]);
    expect(observed.map(d => d.build?.commits?.length)).toEqual([1, 2, 1, 1]);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining(
        'GitLab gitlab.acme.example/core/ledger: not read this run: ScmRateLimitError: GitLab rate limit',
      ),
    );
  });

  it('records a deployment webhook at once as the poll maps it (read by id), and ignores other events and projects', async () => {
    const read: string[] = [];
    server.use(
      http.get(`${api}/deployments/15`, ({ request }) => {
        read.push(request.headers.get('authorization') ?? '');
        return HttpResponse.json({
          ...page2[2],
          status: 'success',
          updated_at: '2026-11-22T09:06:00.000Z',
          finished_at: '2026-11-22T09:06:00.000Z',
        });
      }),
    );
    const { gitlab } = source([payments]);
    const recorded: string[] = [];
    gitlab.connect({
      record: async observations => {
        recorded.push(
          ...observations.map(
            o =>
              `${o.key} ${o.environment} ${o.version} ${o.status} ${o.startedAt} ${o.finishedAt}`,
          ),
        );
      },
    });
    expect(await gitlab.onWebhook(deploymentWebhook)).toBe(1);
    expect(
      await gitlab.onWebhook({
        object_kind: 'push',
        project: deploymentWebhook.project,
      }),
    ).toBe(0);
    expect(
      await gitlab.onWebhook({
        ...deploymentWebhook,
        project: {
          ...deploymentWebhook.project,
          path_with_namespace: 'acme/other',
          web_url: 'https://gitlab.com/acme/other',
        },
      }),
    ).toBe(0);
    expect(read).toEqual(['Bearer token-for-gitlab.com']);
    expect(recorded).toEqual([
      'gitlab.com/acme/payments/api/deployments/15 production v3.3.0 succeeded 2026-11-22T09:00:00.000Z 2026-11-22T09:06:00.000Z',
    ]);
  });
});
