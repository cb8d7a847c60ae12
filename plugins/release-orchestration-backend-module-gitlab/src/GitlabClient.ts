/** How the client authenticates to one GitLab host: headers from `@backstage/integration`. */
export type GitlabHeaders = (url: string) => Promise<Record<string, string>>;

/** A rate limit that would take longer than the run may wait. */
export class GitlabRateLimitError extends Error {
  name = 'GitlabRateLimitError';
}

/**
 * The next page of a GitLab list: the `rel="next"` URL of the `Link` header (offset and keyset
 * pagination), else the `x-next-page` number on the current URL; undefined on the last page.
 */
export function nextPageUrl(
  current: string,
  headers: Headers,
): string | undefined {
  for (const part of (headers.get('link') ?? '').split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match) {
      return match[1];
    }
  }
  const page = headers.get('x-next-page')?.trim();
  if (page && /^\d+$/.test(page)) {
    const url = new URL(current);
    url.searchParams.set('page', page);
    return url.toString();
  }
  return undefined;
}

/**
 * How long a GitLab answer asks to wait before retrying, in ms, or undefined when it is not a
 * rate limit: a 429 with `Retry-After` (seconds), else `RateLimit-Reset` (epoch seconds), else
 * a minute.
 */
export function rateLimitWaitMs(
  response: Response,
  now: number,
): number | undefined {
  if (response.status !== 429) {
    return undefined;
  }
  const retryAfter = response.headers.get('retry-after');
  if (retryAfter && /^\d+$/.test(retryAfter)) {
    return Number(retryAfter) * 1000;
  }
  const reset = response.headers.get('ratelimit-reset');
  if (reset && /^\d+$/.test(reset)) {
    return Math.max(0, Number(reset) * 1000 - now) + 1000;
  }
  return 60_000;
}

/**
 * A small GitLab REST client: follows pagination, and waits out rate limits up to a bound (a
 * longer wait is a {@link GitlabRateLimitError}, so the run moves on to the next project).
 */
export class GitlabClient {
  constructor(
    private readonly options: {
      headers: GitlabHeaders;
      maxWaitMs: number;
      sleep?: (ms: number) => Promise<void>;
      now?: () => number;
      fetchFn?: typeof fetch;
    },
  ) {}

  /** Every item of a list endpoint, page by page (100 a page). */
  async *paginate<T>(url: string, signal?: AbortSignal): AsyncGenerator<T> {
    const first = new URL(url);
    first.searchParams.set('per_page', '100');
    let next: string | undefined = first.toString();
    while (next) {
      const response = await this.get(next, signal);
      for (const item of (await response.json()) as T[]) {
        yield item;
      }
      next = nextPageUrl(next, response.headers);
    }
  }

  /** One GET as JSON, retried after rate limits; a non-2xx answer is an error naming it. */
  async getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
    return (await (await this.get(url, signal)).json()) as T;
  }

  private async get(url: string, signal?: AbortSignal): Promise<Response> {
    const sleep =
      this.options.sleep ??
      (ms => new Promise(resolve => setTimeout(resolve, ms)));
    const now = this.options.now ?? Date.now;
    const fetchFn = this.options.fetchFn ?? fetch;
    for (let attempt = 1; ; attempt++) {
      const response = await fetchFn(url, {
        headers: {
          Accept: 'application/json',
          ...(await this.options.headers(url)),
        },
        signal,
      });
      if (response.ok) {
        return response;
      }
      const wait = rateLimitWaitMs(response, now());
      if (wait !== undefined && attempt <= 3) {
        if (wait > this.options.maxWaitMs) {
          throw new GitlabRateLimitError(
            `GitLab rate limit: ${url} may be retried in ${Math.ceil(
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
        `GitLab answered ${response.status} ${response.statusText} for ${url}: ${body}`,
      );
    }
  }
}
