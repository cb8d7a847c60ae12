/**
 * The credentials of one request: headers from `@backstage/integration`'s credentials provider
 * for `url` (for GitHub Apps, the repository's web URL, so the installation is found).
 *
 * @public
 */
export type ScmHeaders = (url: string) => Promise<Record<string, string>>;

/**
 * A rate limit that would take longer than a run may wait: the scope (repository, project) is
 * left for the next run, the others go on.
 *
 * @public
 */
export class ScmRateLimitError extends Error {
  name = 'ScmRateLimitError';
}

/**
 * The next page of a list: the `rel="next"` URL of the `Link` header (GitHub; GitLab offset and
 * keyset pagination), else GitLab's `x-next-page` number on the current URL; undefined on the
 * last page.
 *
 * @public
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
 * A non-2xx answer (after rate-limit retries), with its status.
 *
 * @public
 */
export class ScmHttpError extends Error {
  name = 'ScmHttpError';
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

/**
 * How long an answer asks to wait before a retry, in ms, or undefined when it is no rate limit.
 *
 * @public
 */
export type RateLimitWait = (
  response: Response,
  now: number,
) => number | undefined;

/**
 * Options of {@link ScmHttpClient}.
 *
 * @public
 */
export interface ScmHttpClientOptions {
  /** For messages, e.g. `GitHub`. */
  name: string;
  headers: ScmHeaders;
  /** Sent with every request, e.g. GitHub's `Accept` and API version. */
  defaultHeaders?: Record<string, string>;
  rateLimitWaitMs: RateLimitWait;
  /** The longest wait for one rate limit; longer is a {@link ScmRateLimitError}. */
  maxWaitMs: number;
  /** Retries of one request after rate limits; defaults to 3. */
  maxRetries?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  fetchFn?: typeof fetch;
}

/**
 * Options of one request of {@link ScmHttpClient}.
 *
 * @public
 */
export interface ScmRequestOptions {
  signal?: AbortSignal;
  /** The URL credentials are looked up for; defaults to the request's. */
  credentialsUrl?: string;
}

/**
 * A small REST client for SCM APIs (GitHub, GitLab): follows pagination and waits out rate
 * limits up to a bound, so a run survives primary and secondary limits; a longer wait is a
 * {@link ScmRateLimitError}. A non-2xx answer is an error that names the status and URL.
 *
 * @public
 */
export class ScmHttpClient {
  constructor(private readonly options: ScmHttpClientOptions) {}

  /**
   * Every item of a list endpoint, page by page (100 a page). `items` picks the list out of a
   * page whose body is not an array (e.g. GitHub's `{ workflow_runs: [...] }`).
   */
  async *paginate<T>(
    url: string,
    options: ScmRequestOptions & { items?: (body: any) => T[] } = {},
  ): AsyncGenerator<T> {
    const first = new URL(url);
    if (!first.searchParams.has('per_page')) {
      first.searchParams.set('per_page', '100');
    }
    let next: string | undefined = first.toString();
    while (next) {
      const response = await this.get(next, options);
      const body = await response.json();
      for (const item of options.items ? options.items(body) : (body as T[])) {
        yield item;
      }
      next = nextPageUrl(next, response.headers);
    }
  }

  /** One GET as JSON. */
  async getJson<T>(url: string, options: ScmRequestOptions = {}): Promise<T> {
    return (await (await this.get(url, options)).json()) as T;
  }

  /** One GET, retried after rate limits; a non-2xx answer is an error naming it. */
  async get(url: string, options: ScmRequestOptions = {}): Promise<Response> {
    const { name, maxWaitMs } = this.options;
    const sleep =
      this.options.sleep ??
      (ms => new Promise(resolve => setTimeout(resolve, ms)));
    const now = this.options.now ?? Date.now;
    const fetchFn = this.options.fetchFn ?? fetch;
    const maxRetries = this.options.maxRetries ?? 3;
    for (let attempt = 1; ; attempt++) {
      const response = await fetchFn(url, {
        headers: {
          ...this.options.defaultHeaders,
          ...(await this.options.headers(options.credentialsUrl ?? url)),
        },
        signal: options.signal,
      });
      if (response.ok) {
        return response;
      }
      const wait = this.options.rateLimitWaitMs(response, now());
      if (wait !== undefined && attempt <= maxRetries) {
        if (wait > maxWaitMs) {
          throw new ScmRateLimitError(
            `${name} rate limit: ${url} may be retried in ${Math.ceil(
              wait / 1000,
            )}s, longer than the ${Math.round(maxWaitMs / 1000)}s a run waits`,
          );
        }
        await sleep(wait);
        continue;
      }
      const body = (await response.text()).slice(0, 300);
      throw new ScmHttpError(
        `${name} answered ${response.status} ${response.statusText} for ${url}: ${body}`,
        response.status,
      );
    }
  }
}
