import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ApprovalRequest,
  BuildWithReleases,
  CreateFreezeRequest,
  CreateRecurringFreezeRequest,
  RecurringFreezePreview,
  RecurringFreezeRule,
  CreateReleaseRequest,
  DoraFactsPage,
  DoraMetric,
  DoraReport,
  DoraSystemsPage,
  DoraTeamsResponse,
  EnvironmentPolicy,
  FreezeWindow,
  Page,
  parseFullEntityRef,
  Promotion,
  PromotionCheck,
  PromotionQueueItem,
  Release,
  ReleaseDetails,
  ReleaseDiff,
  ReleaseNotes,
  ReleaseSummary,
  RequestPromotionRequest,
  SystemEnvironments,
  SystemSources,
  RollbackCheck,
  RollbackRequest,
} from '@release-orchestration/plugin-release-orchestration-common';
import {
  DoraQueryOptions,
  DoraSystemsOrder,
  PageOptions,
  PromotionListOptions,
  ReleaseOrchestrationApi,
  SystemReleasableComponent,
} from './ReleaseOrchestrationApi';

/** `/systems/{namespace}/{name}` of a full System ref; throws on anything else. */
function systemPath(systemRef: string): string {
  const parsed = parseFullEntityRef(systemRef);
  if (!parsed || parsed.kind !== 'system') {
    throw new TypeError(`Not a full System entity ref: '${systemRef}'`);
  }
  return `/systems/${[parsed.namespace, parsed.name]
    .map(encodeURIComponent)
    .join('/')}`;
}

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

  getRelease(
    idOrVersion: string,
    options: { system?: string } = {},
  ): Promise<ReleaseDetails> {
    return this.request(
      `/releases/${encodeURIComponent(idOrVersion)}${query({
        system: options.system,
      })}`,
    );
  }

  getReleaseDiff(id: string, against?: string): Promise<ReleaseDiff> {
    return this.request(
      `/releases/${encodeURIComponent(id)}/diff${query({ against })}`,
    );
  }

  getReleaseNotes(id: string, against?: string): Promise<ReleaseNotes> {
    return this.request(
      `/releases/${encodeURIComponent(id)}/notes${query({ against })}`,
    );
  }

  getEvidencePack(id: string): Promise<unknown> {
    return this.request(`/releases/${encodeURIComponent(id)}/evidence-pack`);
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

  listEnvironments(
    options: { system?: string } = {},
  ): Promise<{ items: Array<EnvironmentPolicy & { policyName?: string }> }> {
    return this.request(`/environments${query({ system: options.system })}`);
  }

  getSystemEnvironments(systemRef: string): Promise<SystemEnvironments> {
    const parsed = parseFullEntityRef(systemRef);
    if (!parsed || parsed.kind !== 'system') {
      return Promise.reject(
        new TypeError(`Not a full System entity ref: '${systemRef}'`),
      );
    }
    const path = [parsed.namespace, parsed.name].map(encodeURIComponent);
    return this.request(`/systems/${path.join('/')}/environments`);
  }

  getSystemSources(systemRef: string): Promise<SystemSources> {
    const parsed = parseFullEntityRef(systemRef);
    if (!parsed || parsed.kind !== 'system') {
      return Promise.reject(
        new TypeError(`Not a full System entity ref: '${systemRef}'`),
      );
    }
    const path = [parsed.namespace, parsed.name].map(encodeURIComponent);
    return this.request(`/systems/${path.join('/')}/sources`);
  }

  getDoraReport(options: DoraQueryOptions): Promise<DoraReport> {
    const { entity, from, to } = options;
    return this.request(`/dora${query({ entity, from, to })}`);
  }

  getDoraTeams(options: {
    from?: string;
    to?: string;
  }): Promise<DoraTeamsResponse> {
    const { from, to } = options;
    return this.request(`/dora/teams${query({ from, to })}`);
  }

  listDoraSystems(
    options: DoraQueryOptions & PageOptions & DoraSystemsOrder,
  ): Promise<DoraSystemsPage> {
    return this.request(`/dora/systems${query({ ...options })}`);
  }

  listDoraFacts(
    options: DoraQueryOptions & PageOptions & { metric: DoraMetric },
  ): Promise<DoraFactsPage> {
    return this.request(`/dora/facts${query({ ...options })}`);
  }

  checkPromotion(
    releaseId: string,
    environment: string,
  ): Promise<PromotionCheck> {
    return this.request(
      `/releases/${encodeURIComponent(releaseId)}/promotions/check${query({
        environment,
      })}`,
    );
  }

  requestPromotion(
    releaseId: string,
    request: RequestPromotionRequest,
  ): Promise<Promotion> {
    return this.request(
      `/releases/${encodeURIComponent(releaseId)}/promotions`,
      jsonBody('POST', request),
    );
  }
  checkRollback(
    systemRef: string,
    environment: string,
  ): Promise<RollbackCheck> {
    return this.request(
      `${systemPath(systemRef)}/rollback/check${query({ environment })}`,
    );
  }

  rollback(systemRef: string, request: RollbackRequest): Promise<Promotion> {
    return this.request(
      `${systemPath(systemRef)}/rollback`,
      jsonBody('POST', request),
    );
  }

  listPromotions(
    options: PromotionListOptions & PageOptions = {},
  ): Promise<Page<PromotionQueueItem>> {
    return this.request(`/promotions${query({ ...options })}`);
  }

  votePromotion(
    promotionId: string,
    request: ApprovalRequest,
  ): Promise<Promotion> {
    return this.request(
      `/promotions/${encodeURIComponent(promotionId)}/approvals`,
      jsonBody('POST', request),
    );
  }

  quarantineRelease(
    releaseId: string,
    reason: string,
  ): Promise<ReleaseSummary> {
    return this.request(
      `/releases/${encodeURIComponent(releaseId)}/quarantine`,
      jsonBody('POST', { reason }),
    );
  }

  liftQuarantine(releaseId: string, reason: string): Promise<ReleaseSummary> {
    return this.request(
      `/releases/${encodeURIComponent(releaseId)}/quarantine/lift`,
      jsonBody('POST', { reason }),
    );
  }

  cancelPromotion(promotionId: string, reason?: string): Promise<Promotion> {
    return this.request(
      `/promotions/${encodeURIComponent(promotionId)}/cancel`,
      jsonBody('POST', reason ? { reason } : {}),
    );
  }

  listFreezes(
    options: { environment?: string; includePast?: boolean } = {},
  ): Promise<{ items: FreezeWindow[] }> {
    return this.request(
      `/freezes${query({
        environment: options.environment,
        includePast: options.includePast ? 'true' : undefined,
      })}`,
    );
  }

  createFreeze(request: CreateFreezeRequest): Promise<FreezeWindow> {
    return this.request('/freezes', jsonBody('POST', request));
  }

  async deleteFreeze(id: string): Promise<void> {
    await this.request(`/freezes/${encodeURIComponent(id)}`, {
      method: 'DELETE',
    });
  }

  listRecurringFreezes(): Promise<{ items: RecurringFreezeRule[] }> {
    return this.request('/recurring-freezes');
  }

  previewRecurringFreeze(
    request: CreateRecurringFreezeRequest,
  ): Promise<RecurringFreezePreview> {
    return this.request(
      '/recurring-freezes/preview',
      jsonBody('POST', request),
    );
  }

  createRecurringFreeze(
    request: CreateRecurringFreezeRequest,
  ): Promise<RecurringFreezeRule> {
    return this.request('/recurring-freezes', jsonBody('POST', request));
  }

  addRecurringFreezeException(
    id: string,
    date: string,
  ): Promise<RecurringFreezeRule> {
    return this.request(
      `/recurring-freezes/${encodeURIComponent(id)}/exceptions`,
      jsonBody('POST', { date }),
    );
  }

  async deleteRecurringFreeze(id: string): Promise<void> {
    await this.request(`/recurring-freezes/${encodeURIComponent(id)}`, {
      method: 'DELETE',
    });
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('release-orchestration');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    if (response.status === 204) {
      return undefined as T;
    }
    return (await response.json()) as T;
  }
}

function jsonBody(method: string, body: unknown): RequestInit {
  return {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  };
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
