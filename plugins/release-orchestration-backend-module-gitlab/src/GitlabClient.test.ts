import { GitlabClient, rateLimitWaitMs } from './GitlabClient';

const now = Date.parse('2026-11-23T00:00:00Z');

function client(answers: Response[], urls: string[], sleeps: number[] = []) {
  return new GitlabClient({
    headers: async () => ({ authorization: 'Bearer glpat' }),
    maxWaitMs: 60_000,
    sleep: async ms => {
      sleeps.push(ms);
    },
    now: () => now,
    fetchFn: (async (url: string) => {
      urls.push(url);
      return answers.shift()!;
    }) as unknown as typeof fetch,
  });
}

describe('GitlabClient', () => {
  it('pages by Link (keyset) and by x-next-page (offset), 100 a page', async () => {
    const urls: string[] = [];
    const gitlab = client(
      [
        Response.json([1], {
          headers: {
            link: '<https://gitlab.com/api/v4/projects/1/deployments?id_after=42&per_page=100>; rel="next"',
          },
        }),
        Response.json([2], { headers: { 'x-next-page': '3' } }),
        Response.json([3], { headers: { 'x-next-page': '' } }),
      ],
      urls,
    );
    const items: number[] = [];
    for await (const item of gitlab.paginate<number>(
      'https://gitlab.com/api/v4/projects/1/deployments',
    )) {
      items.push(item);
    }
    expect(items).toEqual([1, 2, 3]);
    expect(urls).toEqual([
      'https://gitlab.com/api/v4/projects/1/deployments?per_page=100',
      'https://gitlab.com/api/v4/projects/1/deployments?id_after=42&per_page=100',
      'https://gitlab.com/api/v4/projects/1/deployments?id_after=42&per_page=100&page=3',
    ]);
  });

  it("waits out a 429 by GitLab's RateLimit-Reset, and names a 403 as an error without waiting", async () => {
    const sleeps: number[] = [];
    const gitlab = client(
      [
        new Response('{}', {
          status: 429,
          headers: { 'ratelimit-reset': String(now / 1000 + 4) },
        }),
        Response.json({ id: 'abc' }),
        new Response('{"message":"403 Forbidden"}', { status: 403 }),
      ],
      [],
      sleeps,
    );
    await expect(
      gitlab.getJson(
        'https://gitlab.com/api/v4/projects/1/repository/commits/abc',
      ),
    ).resolves.toEqual({ id: 'abc' });
    expect(sleeps).toEqual([5_000]);
    await expect(
      gitlab.getJson('https://gitlab.com/api/v4/projects/1'),
    ).rejects.toThrow('GitLab answered 403');
  });
});

describe('rateLimitWaitMs', () => {
  it('reads Retry-After, else RateLimit-Reset, else a minute, for a 429 only', () => {
    expect(
      rateLimitWaitMs(
        new Response(null, { status: 429, headers: { 'retry-after': '7' } }),
        now,
      ),
    ).toBe(7_000);
    expect(
      rateLimitWaitMs(
        new Response(null, {
          status: 429,
          headers: { 'ratelimit-reset': String(now / 1000 + 30) },
        }),
        now,
      ),
    ).toBe(31_000);
    expect(rateLimitWaitMs(new Response(null, { status: 429 }), now)).toBe(
      60_000,
    );
    expect(
      rateLimitWaitMs(
        new Response(null, { status: 403, headers: { 'retry-after': '7' } }),
        now,
      ),
    ).toBe(undefined);
  });
});
