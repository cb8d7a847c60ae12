import { ArgoCdApplication, ArgoCdApplicationList } from './argoCdTypes';
import { ArgoCdInstance } from './readArgoCdConfig';

/** Reads applications from Argo CD's REST API with a bearer token. */
export class ArgoCdClient {
  constructor(private readonly fetchFn: typeof fetch = globalThis.fetch) {}

  /** `GET /api/v1/applications`, filtered by the instance's selector and projects. */
  async listApplications(instance: ArgoCdInstance, signal?: AbortSignal): Promise<ArgoCdApplication[]> {
    const url = new URL(`${instance.baseUrl}/api/v1/applications`);
    if (instance.selector) {
      url.searchParams.set('selector', instance.selector);
    }
    for (const project of instance.projects) {
      url.searchParams.append('projects', project);
    }
    const response = await this.fetchFn(url, {
      headers: { Authorization: `Bearer ${instance.token}`, Accept: 'application/json' },
      signal,
    });
    if (!response.ok) {
      const body = await response.text().catch(() => '');
      let message = body.slice(0, 300);
      try {
        message = JSON.parse(body).message ?? message;
      } catch {
        // not JSON: keep the text
      }
      throw new Error(
        `Argo CD ${instance.name} answered ${response.status} ${response.statusText} for ${url.pathname}${message ? `: ${message}` : ''}`,
      );
    }
    const list = (await response.json()) as ArgoCdApplicationList;
    return list.items ?? [];
  }
}
