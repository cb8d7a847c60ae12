import { nextPageUrl, rateLimitWaitMs } from './GitlabClient';

const now = Date.parse('2026-11-23T00:00:00Z');

describe('nextPageUrl', () => {
  const current =
    'https://gitlab.com/api/v4/projects/1/deployments?per_page=100&page=1';

  it('follows the Link header (offset and keyset pagination)', () => {
    const headers = new Headers({
      link: '<https://gitlab.com/api/v4/projects/1/deployments?id_after=42&per_page=100>; rel="next", <https://gitlab.com/api/v4/projects/1/deployments?per_page=100&page=1>; rel="first"',
      'x-next-page': '2',
    });
    expect(nextPageUrl(current, headers)).toBe(
      'https://gitlab.com/api/v4/projects/1/deployments?id_after=42&per_page=100',
    );
  });

  it('falls back to x-next-page on the current URL, and ends on an empty one', () => {
    expect(nextPageUrl(current, new Headers({ 'x-next-page': '2' }))).toBe(
      'https://gitlab.com/api/v4/projects/1/deployments?per_page=100&page=2',
    );
    expect(nextPageUrl(current, new Headers({ 'x-next-page': '' }))).toBe(
      undefined,
    );
    expect(
      nextPageUrl(
        current,
        new Headers({ link: '<https://gitlab.com/x?page=1>; rel="first"' }),
      ),
    ).toBe(undefined);
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
