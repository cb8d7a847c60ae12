import {
  nextPageUrl,
  ScmHttpClient,
  ScmHttpError,
  ScmRateLimitError,
} from './ScmHttpClient';

const now = Date.parse('2026-11-23T00:00:00Z');

/** GitHub's primary and secondary limits, as the GitHub module reads them. */
function githubWait(response: Response, at: number) {
  const retryAfter = response.headers.get('retry-after');
  if (retryAfter) {
    return Number(retryAfter) * 1000;
  }
  if (response.headers.get('x-ratelimit-remaining') === '0') {
    return Number(response.headers.get('x-ratelimit-reset')) * 1000 - at;
  }
  return undefined;
}

function client(
  answers: Array<() => Response>,
  calls: Array<{ url: string; headers: Record<string, string> }>,
  sleeps: number[] = [],
) {
  return new ScmHttpClient({
    name: 'GitHub',
    headers: async url => ({ authorization: `token for ${new URL(url).host}` }),
    defaultHeaders: { accept: 'application/vnd.github+json' },
    rateLimitWaitMs: githubWait,
    maxWaitMs: 60_000,
    sleep: async ms => {
      sleeps.push(ms);
    },
    now: () => now,
    fetchFn: (async (url: string, init: RequestInit) => {
      calls.push({ url, headers: init.headers as Record<string, string> });
      const answer = answers.shift();
      if (!answer) {
        throw new Error(`unexpected request ${url}`);
      }
      return answer();
    }) as unknown as typeof fetch,
  });
}

describe('nextPageUrl', () => {
  const current = 'https://gitlab.com/api/v4/projects/1/deployments?page=1';
  it('follows the Link header, else x-next-page, and ends without either', () => {
    expect(
      nextPageUrl(
        current,
        new Headers({
          link: '<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=9>; rel="last"',
          'x-next-page': '5',
        }),
      ),
    ).toBe('https://api.github.com/x?page=2');
    expect(nextPageUrl(current, new Headers({ 'x-next-page': '2' }))).toBe(
      'https://gitlab.com/api/v4/projects/1/deployments?page=2',
    );
    expect(nextPageUrl(current, new Headers({ 'x-next-page': '' }))).toBe(
      undefined,
    );
    expect(
      nextPageUrl(
        current,
        new Headers({ link: '<https://x/?page=1>; rel="first"' }),
      ),
    ).toBe(undefined);
  });
});

describe('ScmHttpClient', () => {
  it('pages through Link headers, picks items out of wrapped pages, and asks credentials for the given URL', async () => {
    const calls: Array<{ url: string; headers: Record<string, string> }> = [];
    const http = client(
      [
        () =>
          Response.json(
            { total_count: 3, workflow_runs: [{ id: 1 }, { id: 2 }] },
            {
              headers: {
                link: '<https://api.github.com/repos/a/b/actions/runs?per_page=100&page=2>; rel="next"',
              },
            },
          ),
        () => Response.json({ total_count: 3, workflow_runs: [{ id: 3 }] }),
      ],
      calls,
    );
    const ids: number[] = [];
    for await (const run of http.paginate<{ id: number }>(
      'https://api.github.com/repos/a/b/actions/runs',
      {
        items: body => body.workflow_runs,
        credentialsUrl: 'https://github.com/a/b',
      },
    )) {
      ids.push(run.id);
    }
    expect(ids).toEqual([1, 2, 3]);
    expect(calls.map(c => c.url)).toEqual([
      'https://api.github.com/repos/a/b/actions/runs?per_page=100',
      'https://api.github.com/repos/a/b/actions/runs?per_page=100&page=2',
    ]);
    expect(calls[0].headers).toEqual({
      accept: 'application/vnd.github+json',
      authorization: 'token for github.com',
    });
  });

  it('waits out a secondary (Retry-After) and a primary (x-ratelimit-reset) limit, and refuses a wait longer than the bound', async () => {
    const sleeps: number[] = [];
    const http = client(
      [
        () =>
          new Response('{}', { status: 403, headers: { 'retry-after': '30' } }),
        () =>
          new Response('{}', {
            status: 403,
            headers: {
              'x-ratelimit-remaining': '0',
              'x-ratelimit-reset': String(now / 1000 + 5),
            },
          }),
        () => Response.json({ ok: true }),
        () =>
          new Response('{}', {
            status: 429,
            headers: { 'retry-after': '3600' },
          }),
      ],
      [],
      sleeps,
    );
    await expect(http.getJson('https://api.github.com/rate')).resolves.toEqual({
      ok: true,
    });
    expect(sleeps).toEqual([30_000, 5_000]);
    const error = await http
      .getJson('https://api.github.com/rate')
      .catch(e => e);
    expect(error).toBeInstanceOf(ScmRateLimitError);
    expect(String(error)).toBe(
      'ScmRateLimitError: GitHub rate limit: https://api.github.com/rate may be retried in 3600s, longer than the 60s a run waits',
    );
  });

  it('gives up after three rate-limit retries, and names status and URL of any other error', async () => {
    const limited = () =>
      new Response('{}', { status: 429, headers: { 'retry-after': '1' } });
    const http = client(
      [
        limited,
        limited,
        limited,
        limited,
        () =>
          new Response('{"message":"Not Found"}', {
            status: 404,
            statusText: 'Not Found',
          }),
      ],
      [],
    );
    const limitedError = await http
      .get('https://api.github.com/x')
      .catch(e => e);
    expect(limitedError).toBeInstanceOf(ScmHttpError);
    expect(limitedError.status).toBe(429);
    const notFound = await http.get('https://api.github.com/y').catch(e => e);
    expect(notFound.status).toBe(404);
    expect(notFound.message).toBe(
      'GitHub answered 404 Not Found for https://api.github.com/y: {"message":"Not Found"}',
    );
  });
});
