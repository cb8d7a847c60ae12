import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  BuildWithReleases,
  CreateReleaseRequest,
  Page,
  parseFullEntityRef,
  Release,
  ReleaseDiff,
  ReleaseSummary,
} from '@release-orchestration/plugin-release-orchestration-common';
import {
  PageOptions,
  ReleaseOrchestrationApi,
  SystemReleasableComponent,
} from './ReleaseOrchestrationApi';

/**
 * Talks to the Release Orchestration backend through the discovery and fetch APIs,
 * so requests carry the user's Backstage token.
 * @public
 */
export class ReleaseOrchestrationClient implements ReleaseOrchestrationApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  listReleases(
    options: { system: string } & PageOptions,
  ): Promise<Page<ReleaseSummary>> {
    const { system, ...page } = options;
    return this.request(`/releases${query({ system, ...page })}`);
  }

  getRelease(id: string): Promise<Release> {
    return this.request(`/releases/${encodeURIComponent(id)}`);
  }

  getReleaseDiff(id: string, against?: string): Promise<ReleaseDiff> {
    return this.request(
      `/releases/${encodeURIComponent(id)}/diff${query({ against })}`,
    );
  }

  createRelease(request: CreateReleaseRequest): Promise<Release> {
    return this.request('/releases', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  listBuilds(
    options: { component: string } & PageOptions,
  ): Promise<Page<BuildWithReleases>> {
    const { component, ...page } = options;
    return this.request(`/builds${query({ component, ...page })}`);
  }

  getSystemComponents(
    system: string,
  ): Promise<{ items: SystemReleasableComponent[] }> {
    const parsed = parseFullEntityRef(system);
    if (!parsed || parsed.kind !== 'system') {
      return Promise.reject(
        new TypeError(`Not a full System entity ref: '${system}'`),
      );
    }
    const path = [parsed.namespace, parsed.name].map(encodeURIComponent);
    return this.request(`/systems/${path.join('/')}/components`);
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('release-orchestration');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
