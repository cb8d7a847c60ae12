import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ApiSuccessBody,
  OpenApiOperations,
  ApprovalRequest,
  BuildWithReleases,
  CreateFreezeRequest,
  FanOutPromotionRequest,
  FanOutPromotionResponse,
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
    return this.call('listReleases', `/releases${query({ system, ...page })}`);
  }

  getRelease(
    idOrVersion: string,
    options: { system?: string } = {},
  ): Promise<ReleaseDetails> {
    return this.call(
      'getRelease',
      `/releases/${encodeURIComponent(idOrVersion)}${query({
        system: options.system,
      })}`,
    );
  }

  getReleaseDiff(id: string, against?: string): Promise<ReleaseDiff> {
    return this.call(
      'getReleaseDiff',
      `/releases/${encodeURIComponent(id)}/diff${query({ against })}`,
    );
  }

  getReleaseNotes(id: string, against?: string): Promise<ReleaseNotes> {
    return this.call(
      'getReleaseNotes',
      `/releases/${encodeURIComponent(id)}/notes${query({ against })}`,
    );
  }

  getEvidencePack(id: string): Promise<unknown> {
    return this.request(`/releases/${encodeURIComponent(id)}/evidence-pack`);
  }

  createRelease(request: CreateReleaseRequest): Promise<Release> {
    return this.call('cutRelease', '/releases', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  listBuilds(
    options: { component: string } & PageOptions,
  ): Promise<Page<BuildWithReleases>> {
    const { component, ...page } = options;
    return this.call('listBuilds', `/builds${query({ component, ...page })}`);
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
    return this.call(
      'listSystemComponents',
      `/systems/${path.join('/')}/components`,
    );
  }

  listEnvironments(
    options: { system?: string } = {},
  ): Promise<{ items: Array<EnvironmentPolicy & { policyName?: string }> }> {
    return this.call(
      'listEnvironments',
      `/environments${query({ system: options.system })}`,
    );
  }

  getSystemEnvironments(systemRef: string): Promise<SystemEnvironments> {
    const parsed = parseFullEntityRef(systemRef);
    if (!parsed || parsed.kind !== 'system') {
      return Promise.reject(
        new TypeError(`Not a full System entity ref: '${systemRef}'`),
      );
    }
    const path = [parsed.namespace, parsed.name].map(encodeURIComponent);
    return this.call(
      'listSystemEnvironments',
      `/systems/${path.join('/')}/environments`,
    );
  }

  getSystemSources(systemRef: string): Promise<SystemSources> {
    const parsed = parseFullEntityRef(systemRef);
    if (!parsed || parsed.kind !== 'system') {
      return Promise.reject(
        new TypeError(`Not a full System entity ref: '${systemRef}'`),
      );
    }
    const path = [parsed.namespace, parsed.name].map(encodeURIComponent);
    return this.call('listSystemSources', `/systems/${path.join('/')}/sources`);
  }

  getDoraReport(options: DoraQueryOptions): Promise<DoraReport> {
    const { entity, from, to } = options;
    return this.call('getDoraReport', `/dora${query({ entity, from, to })}`);
  }

  getDoraTeams(options: {
    from?: string;
    to?: string;
  }): Promise<DoraTeamsResponse> {
    const { from, to } = options;
    return this.call('listDoraTeams', `/dora/teams${query({ from, to })}`);
  }

  listDoraSystems(
    options: DoraQueryOptions & PageOptions & DoraSystemsOrder,
  ): Promise<DoraSystemsPage> {
    return this.call(
      'listDoraSystems',
      `/dora/systems${query({ ...options })}`,
    );
  }

  listDoraFacts(
    options: DoraQueryOptions & PageOptions & { metric: DoraMetric },
  ): Promise<DoraFactsPage> {
    return this.call('listDoraFacts', `/dora/facts${query({ ...options })}`);
  }

  checkPromotion(
    releaseId: string,
    environment: string,
  ): Promise<PromotionCheck> {
    return this.call(
      'checkPromotion',
      `/releases/${encodeURIComponent(releaseId)}/promotions/check${query({
        environment,
      })}`,
    );
  }

  requestPromotion(
    releaseId: string,
    request: RequestPromotionRequest,
  ): Promise<Promotion> {
    return this.call(
      'requestPromotion',
      `/releases/${encodeURIComponent(releaseId)}/promotions`,
      jsonBody('POST', request),
    );
  }

  requestFanOutPromotion(
    request: FanOutPromotionRequest,
  ): Promise<FanOutPromotionResponse> {
    return this.request('/promotions', jsonBody('POST', request));
  }
  checkRollback(
    systemRef: string,
    environment: string,
  ): Promise<RollbackCheck> {
    return this.call(
      'checkRollback',
      `${systemPath(systemRef)}/rollback/check${query({ environment })}`,
    );
  }

  rollback(systemRef: string, request: RollbackRequest): Promise<Promotion> {
    return this.call(
      'rollbackSystem',
      `${systemPath(systemRef)}/rollback`,
      jsonBody('POST', request),
    );
  }

  listPromotions(
    options: PromotionListOptions & PageOptions = {},
  ): Promise<Page<PromotionQueueItem>> {
    return this.call('listPromotions', `/promotions${query({ ...options })}`);
  }

  countPromotions(
    options: PromotionListOptions = {},
  ): Promise<{ count: number }> {
    return this.call(
      'countPromotions',
      `/promotions/count${query({ ...options })}`,
    );
  }

  votePromotion(
    promotionId: string,
    request: ApprovalRequest,
  ): Promise<Promotion> {
    return this.call(
      'votePromotion',
      `/promotions/${encodeURIComponent(promotionId)}/approvals`,
      jsonBody('POST', request),
    );
  }

  quarantineRelease(
    releaseId: string,
    reason: string,
  ): Promise<ReleaseSummary> {
    return this.call(
      'quarantineRelease',
      `/releases/${encodeURIComponent(releaseId)}/quarantine`,
      jsonBody('POST', { reason }),
    );
  }

  liftQuarantine(releaseId: string, reason: string): Promise<ReleaseSummary> {
    return this.call(
      'liftQuarantine',
      `/releases/${encodeURIComponent(releaseId)}/quarantine/lift`,
      jsonBody('POST', { reason }),
    );
  }

  cancelPromotion(promotionId: string, reason?: string): Promise<Promotion> {
    return this.call(
      'cancelPromotion',
      `/promotions/${encodeURIComponent(promotionId)}/cancel`,
      jsonBody('POST', reason ? { reason } : {}),
    );
  }

  listFreezes(
    options: { environment?: string; includePast?: boolean } = {},
  ): Promise<{ items: FreezeWindow[] }> {
    return this.call(
      'listFreezes',
      `/freezes${query({
        environment: options.environment,
        includePast: options.includePast ? 'true' : undefined,
      })}`,
    );
  }

  createFreeze(request: CreateFreezeRequest): Promise<FreezeWindow> {
    return this.call('declareFreeze', '/freezes', jsonBody('POST', request));
  }

  async deleteFreeze(id: string): Promise<void> {
    await this.request(`/freezes/${encodeURIComponent(id)}`, {
      method: 'DELETE',
    });
  }

  listRecurringFreezes(): Promise<{ items: RecurringFreezeRule[] }> {
    return this.call('listRecurringFreezes', '/recurring-freezes');
  }

  previewRecurringFreeze(
    request: CreateRecurringFreezeRequest,
  ): Promise<RecurringFreezePreview> {
    return this.call(
      'previewRecurringFreeze',
      '/recurring-freezes/preview',
      jsonBody('POST', request),
    );
  }

  createRecurringFreeze(
    request: CreateRecurringFreezeRequest,
  ): Promise<RecurringFreezeRule> {
    return this.call(
      'declareRecurringFreeze',
      '/recurring-freezes',
      jsonBody('POST', request),
    );
  }

  addRecurringFreezeException(
    id: string,
    date: string,
  ): Promise<RecurringFreezeRule> {
    return this.call(
      'addRecurringFreezeException',
      `/recurring-freezes/${encodeURIComponent(id)}/exceptions`,
      jsonBody('POST', { date }),
    );
  }

  async deleteRecurringFreeze(id: string): Promise<void> {
    await this.request(`/recurring-freezes/${encodeURIComponent(id)}`, {
      method: 'DELETE',
    });
  }

  /**
   * A call of one operation of the backend's OpenAPI document: the answer is typed by the
   * document (the generated types of the common package), and each method's declared type
   * must accept it.
   */
  private call<OperationId extends keyof OpenApiOperations>(
    _operation: OperationId,
    path: string,
    init?: RequestInit,
  ): Promise<ApiSuccessBody<OperationId>> {
    return this.request(path, init);
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
