import {
  ScmHeaders,
  ScmHttpClient,
} from '@release-orchestration/plugin-release-orchestration-node';

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
 * The GitHub REST client: the shared SCM client (`Link` pagination, bounded rate-limit waits)
 * with GitHub's headers and rate limits. Pass the repository's web URL as `credentialsUrl`, so a
 * GitHub App's installation for it is found.
 */
export class GithubClient extends ScmHttpClient {
  constructor(options: {
    headers: ScmHeaders;
    maxWaitMs: number;
    sleep?: (ms: number) => Promise<void>;
    now?: () => number;
    fetchFn?: typeof fetch;
  }) {
    super({
      name: 'GitHub',
      defaultHeaders: {
        Accept: 'application/vnd.github+json',
        'X-GitHub-Api-Version': '2022-11-28',
      },
      rateLimitWaitMs,
      ...options,
    });
  }
}
