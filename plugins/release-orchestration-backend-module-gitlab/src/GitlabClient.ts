import {
  ScmHeaders,
  ScmHttpClient,
} from '@release-orchestration/plugin-release-orchestration-node';

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
 * The GitLab REST client: the shared SCM client (pagination by `Link` or `x-next-page`, bounded
 * rate-limit waits) with GitLab's rate-limit headers; credentials are looked up per request URL.
 */
export class GitlabClient extends ScmHttpClient {
  constructor(options: {
    headers: ScmHeaders;
    maxWaitMs: number;
    sleep?: (ms: number) => Promise<void>;
    now?: () => number;
    fetchFn?: typeof fetch;
  }) {
    super({
      name: 'GitLab',
      defaultHeaders: { Accept: 'application/json' },
      rateLimitWaitMs,
      ...options,
    });
  }
}
