import { CliError, ExitCode } from './exitCodes';
import { IdempotencyKeys } from './idempotencyKey';

/** Where the plugin's API is mounted on a Backstage backend. */
const API_PATH = '/api/release-orchestration';

/** How the client talks to the server. */
export interface ApiClientOptions {
  /** The Backstage backend URL, or the plugin's API URL ending in /api/release-orchestration. */
  url: string;
  token?: string;
  /** Retries after the first attempt, on network errors, 429 and 5xx. */
  retries: number;
  /** Delay before the first retry; doubled for each further retry, with jitter. */
  retryDelayMs: number;
  /** Gives up on one attempt after this long. */
  requestTimeoutMs: number;
  /** Progress lines (retries) go here; stderr in the CLI. */
  log: (line: string) => void;
  fetchFn?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Gives every write (any method but GET) an `Idempotency-Key`, the same on each retry. */
  idempotencyKeys?: IdempotencyKeys;
}

/** Per-request options of a write. */
export interface WriteOptions {
  /** The `Idempotency-Key` to send instead of the one `idempotencyKeys` would give. */
  idempotencyKey?: string;
}

/** A successful response. */
export interface ApiResponse<T> {
  status: number;
  body: T;
}

function describeBody(body: any, fallback: string): string {
  const message =
    typeof body?.error?.message === 'string' ? body.error.message : fallback;
  const conditions: Array<{ message?: string }> = Array.isArray(
    body?.unmetConditions,
  )
    ? body.unmetConditions
    : [];
  const unlisted = conditions.filter(
    c => c.message && !message.includes(c.message),
  );
  return [message, ...unlisted.map(c => `  - ${c.message}`)].join('\n');
}

/**
 * A small JSON client for the Release Orchestration API with the CLI's error handling: retries
 * with exponential backoff on network errors, 429 and 5xx; the server's message on 4xx, mapped
 * to an exit code.
 */
export class ApiClient {
  private readonly base: string;
  private readonly fetchFn: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: ApiClientOptions) {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new CliError(
        `--server / RELEASE_ORCHESTRATION_URL: '${options.url}' is not a URL like https://backstage.acme.example`,
        ExitCode.usage,
      );
    }
    const trimmed = url.toString().replace(/\/+$/, '');
    this.base = trimmed.endsWith(API_PATH) ? trimmed : `${trimmed}${API_PATH}`;
    this.fetchFn = options.fetchFn ?? globalThis.fetch;
    this.sleep =
      options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
  }

  get<T>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown, options: WriteOptions = {}) {
    return this.request<T>(
      'POST',
      path,
      body,
      'application/json',
      options.idempotencyKey,
    );
  }

  /** POSTs a body that is not JSON (e.g. NDJSON to `/import`) as it is; retried like the others. */
  postText<T>(path: string, text: string, contentType: string) {
    return this.request<T>('POST', path, text, contentType);
  }

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
    idempotencyKey = method === 'GET'
      ? undefined
      : this.options.idempotencyKeys?.keyFor(method, path, body),
  ): Promise<ApiResponse<T>> {
    const json = contentType === 'application/json';
    const url = `${this.base}${path}`;
    const attempts = this.options.retries + 1;
    for (let attempt = 1; ; attempt++) {
      let problem: string;
      try {
        const response = await this.fetchFn(url, {
          method,
          headers: {
            Accept: 'application/json',
            ...(body !== undefined ? { 'Content-Type': contentType } : {}),
            ...(this.options.token
              ? { Authorization: `Bearer ${this.options.token}` }
              : {}),
            ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
          },
          body:
            body !== undefined && json
              ? JSON.stringify(body)
              : (body as string | undefined),
          signal: AbortSignal.timeout(this.options.requestTimeoutMs),
        });
        const text = await response.text();
        let parsed: any;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          parsed = undefined;
        }
        const label = `${response.status} ${response.statusText}`.trim();
        if (response.ok) {
          if (parsed === undefined) {
            throw new CliError(
              `${method} ${url} answered ${label} without a JSON body`,
              ExitCode.unavailable,
            );
          }
          return { status: response.status, body: parsed as T };
        }
        if (response.status === 401 || response.status === 403) {
          throw new CliError(
            `${label}: ${describeBody(
              parsed,
              'check RELEASE_ORCHESTRATION_TOKEN',
            )}`,
            ExitCode.forbidden,
            parsed,
          );
        }
        if (response.status < 500 && response.status !== 429) {
          throw new CliError(
            `${label}: ${describeBody(parsed, text || 'no message')}`,
            ExitCode.refused,
            parsed,
          );
        }
        problem = `${label}: ${describeBody(
          parsed,
          text.slice(0, 200) || 'no message',
        )}`;
      } catch (error) {
        if (error instanceof CliError) {
          throw error;
        }
        const cause =
          (error as any)?.cause?.code ?? (error as any)?.cause?.message;
        problem = `${(error as Error).message}${cause ? ` (${cause})` : ''}`;
      }
      if (attempt >= attempts) {
        throw new CliError(
          `${method} ${url} failed after ${attempts} attempt(s): ${problem}`,
          ExitCode.unavailable,
        );
      }
      const delay = Math.round(
        this.options.retryDelayMs *
          2 ** (attempt - 1) *
          (0.75 + Math.random() * 0.5),
      );
      this.options.log(
        `${method} ${url}: ${problem}; retrying in ${(delay / 1000).toFixed(
          1,
        )}s (attempt ${attempt + 1} of ${attempts})`,
      );
      await this.sleep(delay);
    }
  }
}
