import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';

/**
 * Whose credentials the actions call Release Orchestration with: the user who started the task
 * (the default: their permissions apply), or the scaffolder plugin's own service identity
 * (only when `releaseOrchestration.scaffolder.allowPluginCredentials` is true).
 * @public
 */
export type CredentialsMode = 'initiator' | 'plugin';

/** The error an action fails with when Release Orchestration refuses a request.
 * @public
 */
export class ReleaseOrchestrationRequestError extends Error {
  /** The HTTP status Release Orchestration answered with. */
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
    this.name = 'ReleaseOrchestrationRequestError';
  }
}

/** Calls the Release Orchestration backend's HTTP API from a scaffolder action.
 * @public
 */
export class ReleaseOrchestrationApiCaller {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      allowPluginCredentials: boolean;
    },
  ) {}

  private async token(
    ctx: ActionContext<any, any, any>,
    mode: CredentialsMode,
  ): Promise<string> {
    if (mode === 'plugin') {
      if (!this.options.allowPluginCredentials) {
        throw new ReleaseOrchestrationRequestError(
          400,
          "credentials: 'plugin' is not allowed here; set releaseOrchestration.scaffolder.allowPluginCredentials: true to let templates act as the scaffolder, or leave it out to act as the user who started the task",
        );
      }
      const { token } = await this.options.auth.getPluginRequestToken({
        onBehalfOf: await this.options.auth.getOwnServiceCredentials(),
        targetPluginId: 'release-orchestration',
      });
      return token;
    }
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: await ctx.getInitiatorCredentials(),
      targetPluginId: 'release-orchestration',
    });
    return token;
  }

  /**
   * Sends one request, with an `Idempotency-Key` made of the task and step ids so that a
   * re-run step replays the first answer instead of acting twice. Answers other than 2xx
   * become an error carrying the backend's message (and a refused promotion's unmet conditions).
   */
  async request<T>(
    ctx: ActionContext<any, any, any>,
    call: {
      method: 'GET' | 'POST';
      path: string;
      body?: JsonObject;
      credentials?: CredentialsMode;
      action: string;
    },
  ): Promise<T> {
    const baseUrl = await this.options.discovery.getBaseUrl(
      'release-orchestration',
    );
    const token = await this.token(ctx, call.credentials ?? 'initiator');
    const idempotencyKey = `scaffolder:${ctx.task?.id ?? 'task'}:${
      ctx.step?.id ?? call.action
    }`
      .replace(/[^\x21-\x7e]/g, '-')
      .slice(0, 255);
    const response = await fetch(`${baseUrl}${call.path}`, {
      method: call.method,
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
        ...(call.body ? { 'Content-Type': 'application/json' } : {}),
        ...(call.method === 'POST'
          ? { 'Idempotency-Key': idempotencyKey }
          : {}),
      },
      body: call.body ? JSON.stringify(call.body) : undefined,
    });
    const text = await response.text();
    let body: any;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      const message =
        body?.error?.message ?? (text.slice(0, 300) || response.statusText);
      const conditions = Array.isArray(body?.unmetConditions)
        ? body.unmetConditions
            .map(
              (c: { code: string; message: string }) =>
                `\n- ${c.code}: ${c.message}`,
            )
            .join('')
        : '';
      throw new ReleaseOrchestrationRequestError(
        response.status,
        `${call.action}: Release Orchestration answered ${response.status} to ${call.method} ${call.path}: ${message}${conditions}`,
      );
    }
    return body as T;
  }
}

/** The description of every action's `credentials` input. */
export const CREDENTIALS_DESCRIPTION =
  "Whose credentials to call Release Orchestration with: 'initiator' (default, the user who started the task: their permissions apply) or 'plugin' (the scaffolder's own service identity; needs releaseOrchestration.scaffolder.allowPluginCredentials: true)";

/** Encodes a path segment. */
export const seg = (value: string) => encodeURIComponent(value);

/** The portal path of a release: the Releases tab of its System. */
export function releasePath(systemRef: string, releaseId: string): string {
  const m = /^system:([^/]+)\/(.+)$/i.exec(systemRef);
  const [namespace, name] = m ? [m[1], m[2]] : ['default', systemRef];
  return `/catalog/${seg(namespace)}/system/${seg(name)}/releases/${seg(
    releaseId,
  )}`;
}
