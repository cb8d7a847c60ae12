/** How the client authenticates to one GitHub host: headers from `@backstage/integration`. */
export type GithubHeaders = (
  repositoryUrl: string,
) => Promise<Record<string, string>>;

/** A rate limit that would take longer than the run may wait. */
export class GithubRateLimitError extends Error {
  name = 'GithubRateLimitError';
}

/** The `rel="next"` URL of a `Link` header. */
export function nextLink(link: string | null): string | undefined {
  for (const part of (link ?? '').split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match) {
      return match[1];
    }
  }
  return undefined;
}

/**
 * How long a GitHub answer asks to wait before retrying, in ms, or undefined when it is not a
 * rate limit: `Retry-After` (secondary limits, 403 or 429), or `x-ratelimit-remaining: 0` with
 * `x-ratelimit-reset` (primary limit).
 */
export function rateLimitWaitMs(
  response: Response,
  now: number,
): number | undefined {
  if (response.status !== 403 && response.status !== 429) {
    return undefined;
  }
  const retryAfter = response.headers.get('retry-after');
  if (retryAfter && /^\d+$/.test(retryAfter)) {
    return Number(retryAfter) * 1000;
  }
  if (response.headers.get('x-ratelimit-remaining') === '0') {
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    return Number.isFinite(reset)
      ? Math.max(0, reset * 1000 - now) + 1000
      : 60_000;
  }
  return response.status === 429 ? 60_000 : undefined;
}

/**
 * A small GitHub REST client: follows `Link` pagination, and waits out rate limits up to a
 * bound (a longer wait is a {@link GithubRateLimitError}, so the run moves on).
 */
export class GithubClient {
  constructor(
    private readonly options: {
      headers: GithubHeaders;
      maxWaitMs: number;
      sleep?: (ms: number) => Promise<void>;
      now?: () => number;
      fetchFn?: typeof fetch;
    },
  ) {}

  /** Every item of a list endpoint, page by page (100 a page). */
  async *paginate<T>(
    url: string,
    repositoryUrl: string,
    signal?: AbortSignal,
  ): AsyncGenerator<T> {
    const first = new URL(url);
    first.searchParams.set('per_page', '100');
    let next: string | undefined = first.toString();
    while (next) {
      const response = await this.get(next, repositoryUrl, signal);
      for (const item of (await response.json()) as T[]) {
        yield item;
      }
      next = nextLink(response.headers.get('link'));
    }
  }

  /** One GET, retried after rate limits; a non-2xx answer is an error naming it. */
  async get(
    url: string,
    repositoryUrl: string,
    signal?: AbortSignal,
  ): Promise<Response> {
    const sleep =
      this.options.sleep ??
      (ms => new Promise(resolve => setTimeout(resolve, ms)));
    const now = this.options.now ?? Date.now;
    const fetchFn = this.options.fetchFn ?? fetch;
    for (let attempt = 1; ; attempt++) {
      const response = await fetchFn(url, {
        headers: {
          Accept: 'application/vnd.github+json',
          'X-GitHub-Api-Version': '2022-11-28',
          ...(await this.options.headers(repositoryUrl)),
        },
        signal,
      });
      if (response.ok) {
        return response;
      }
      const wait = rateLimitWaitMs(response, now());
      if (wait !== undefined && attempt <= 3) {
        if (wait > this.options.maxWaitMs) {
          throw new GithubRateLimitError(
            `GitHub rate limit: ${url} may be retried in ${Math.ceil(
              wait / 1000,
            )}s, longer than the ${Math.round(
              this.options.maxWaitMs / 1000,
            )}s a run waits`,
          );
        }
        await sleep(wait);
        continue;
      }
      const body = (await response.text()).slice(0, 300);
      throw new Error(
        `GitHub answered ${response.status} ${response.statusText} for ${url}: ${body}`,
      );
    }
  }
}
