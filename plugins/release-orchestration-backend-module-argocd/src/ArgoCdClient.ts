import { ArgoCdApplication, ArgoCdApplicationList } from './argoCdTypes';
import { ArgoCdInstance } from './readArgoCdConfig';

/** Reads applications from Argo CD's REST API with a bearer token. */
export class ArgoCdClient {
  constructor(private readonly fetchFn: typeof fetch = globalThis.fetch) {}

  /** `GET /api/v1/applications`, filtered by the instance's selector and projects. */
  async listApplications(
    instance: ArgoCdInstance,
    signal?: AbortSignal,
  ): Promise<ArgoCdApplication[]> {
    const url = new URL(`${instance.baseUrl}/api/v1/applications`);
    if (instance.selector) {
      url.searchParams.set('selector', instance.selector);
    }
    for (const project of instance.projects) {
      url.searchParams.append('projects', project);
    }
    const token = instance.token ?? (await this.sessionToken(instance, signal));
    const response = await this.fetchFn(url, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      signal,
    });
    await this.check(instance, response, url);
    const list = (await response.json()) as ArgoCdApplicationList;
    return list.items ?? [];
  }

  /** `POST /api/v1/session` with the instance's username and password: a session token. */
  private async sessionToken(
    instance: ArgoCdInstance,
    signal?: AbortSignal,
  ): Promise<string> {
    const url = new URL(`${instance.baseUrl}/api/v1/session`);
    const response = await this.fetchFn(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
      },
      body: JSON.stringify({
        username: instance.username,
        password: instance.password,
      }),
      signal,
    });
    await this.check(instance, response, url);
    const { token } = (await response.json()) as { token?: string };
    if (!token) {
      throw new Error(
        `Argo CD ${instance.name} answered no session token for ${url.pathname}`,
      );
    }
    return token;
  }

  private async check(instance: ArgoCdInstance, response: Response, url: URL) {
    if (!response.ok) {
      const body = await response.text().catch(() => '');
      let message = body.slice(0, 300);
      try {
        message = JSON.parse(body).message ?? message;
      } catch {
        // not JSON: keep the text
      }
      throw new Error(
        `Argo CD ${instance.name} answered ${response.status} ${
          response.statusText
        } for ${url.pathname}${message ? `: ${message}` : ''}`,
      );
    }
  }
}
