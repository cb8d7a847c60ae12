import { createHash, randomUUID } from 'node:crypto';

/** The longest `Idempotency-Key` the server accepts. */
const MAX_KEY_LENGTH = 255;

/**
 * The CI job this invocation runs in, or undefined outside GitHub Actions and GitLab CI. A re-run
 * of the job (a new attempt) is another job.
 */
export function ciRunId(
  env: Record<string, string | undefined>,
): string | undefined {
  if (env.GITHUB_ACTIONS === 'true' && env.GITHUB_RUN_ID) {
    return `github:${env.GITHUB_REPOSITORY}:${env.GITHUB_RUN_ID}:${
      env.GITHUB_RUN_ATTEMPT ?? '1'
    }:${env.GITHUB_JOB ?? 'job'}`;
  }
  if (env.GITLAB_CI === 'true' && env.CI_JOB_ID) {
    return `gitlab:${env.CI_PROJECT_PATH}:${env.CI_JOB_ID}`;
  }
  return undefined;
}

/**
 * A key the server accepts: visible ASCII only (anything else percent-encoded, spaces as `-`),
 * and at most 255 characters (a longer one keeps its start and ends with a hash of the whole).
 */
export function boundKey(key: string): string {
  const visible = key
    .replace(/\s+/g, '-')
    .replace(/[^\x21-\x7e]/g, c => encodeURIComponent(c));
  if (visible.length <= MAX_KEY_LENGTH) {
    return visible;
  }
  const digest = createHash('sha256').update(visible).digest('hex');
  return `${visible.slice(0, MAX_KEY_LENGTH - digest.length - 1)}~${digest}`;
}

/**
 * A default idempotency key from the CI run, so `started` and the later `succeeded`/`failed`
 * reports of one deployment job share a key while a re-run gets a new one. Undefined outside
 * GitHub Actions and GitLab CI.
 */
export function ciIdempotencyKey(
  env: Record<string, string | undefined>,
  target: { environment: string; subject: string },
): string | undefined {
  const run = ciRunId(env);
  if (!run) {
    return undefined;
  }
  return `${run}:${target.environment}:${target.subject}`
    .replace(/\s+/g, '-')
    .slice(0, 255);
}

/** A short digest of what a write sends, so that two different writes never share a key. */
function operationDigest(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([method, path, body ?? null]))
    .digest('hex')
    .slice(0, 16);
}

/**
 * The `Idempotency-Key` of each write (every request but GET) of one CLI invocation; the client
 * sends the same key on each of its own retries of a request.
 *
 * - `--idempotency-key` given: that key for the first write, `<key>:2`, `<key>:3`, … for any
 *   further distinct writes of the same invocation;
 * - in GitHub Actions or GitLab CI: the job (run id, attempt, job) plus the operation (method,
 *   path and a digest of the body), so running the same step again in the same job is answered
 *   with the first answer;
 * - otherwise a random UUID for this invocation plus the operation.
 */
export class IdempotencyKeys {
  private readonly base: string;
  private readonly explicit?: string;
  private readonly issued = new Map<string, string>();

  constructor(options: {
    explicit?: string;
    env: Record<string, string | undefined>;
    randomId?: () => string;
  }) {
    this.explicit = options.explicit;
    this.base =
      ciRunId(options.env) ?? `cli:${(options.randomId ?? randomUUID)()}`;
  }

  keyFor(method: string, path: string, body: unknown): string {
    const operation = `${method}:${path}:${operationDigest(
      method,
      path,
      body,
    )}`;
    let key = this.issued.get(operation);
    if (!key) {
      if (this.explicit) {
        key =
          this.issued.size === 0
            ? this.explicit
            : `${this.explicit}:${this.issued.size + 1}`;
      } else {
        key = `${this.base}:${method}:${path}:${operationDigest(
          method,
          path,
          body,
        )}`;
      }
      key = boundKey(key);
      this.issued.set(operation, key);
    }
    return key;
  }
}
