import { createApiRef } from '@backstage/core-plugin-api';
import {
  ApprovalRequest,
  Build,
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
  Promotion,
  PromotionCheck,
  PromotionQueueItem,
  PromotionState,
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
  FanOutPromotionRequest,
  FanOutPromotionResponse,
} from '@release-orchestration/plugin-release-orchestration-common';

/**
 * A component of a System as the "Cut release" dialog needs it: the catalog's
 * view of the System's parts, each with its newest reported build.
 * @public
 */
export interface SystemReleasableComponent {
  /** Full entity ref, e.g. `component:default/payments-api`. */
  componentRef: string;
  title?: string;
  /** The newest build of the component; absent when CI has reported none yet. */
  latestBuild?: Build;
}

/**
 * Options of a cursor-paginated list call.
 * @public
 */
export interface PageOptions {
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  limit?: number;
}

/**
 * Client of the Release Orchestration backend, as used by the UI.
 * Errors are thrown as `ResponseError` from `@backstage/errors`.
 * @public
 */
export interface ReleaseOrchestrationApi {
  /** Releases of a System (full ref), newest first. */
  listReleases(
    options: { system: string } & PageOptions,
  ): Promise<Page<ReleaseSummary>>;
  /**
   * One release with its manifest, evidence and promotions (votes and
   * transitions included): by id, or by version name with `system` (versions
   * are unique per System).
   */
  getRelease(
    idOrVersion: string,
    options?: { system?: string },
  ): Promise<ReleaseDetails>;
  /**
   * What a release changes per component, with the commits (author, link, pull
   * requests and tickets): against another release (id) or what runs in a lane
   * (name); against the previous release of the same System when `against` is
   * not given.
   */
  getReleaseDiff(id: string, against?: string): Promise<ReleaseDiff>;
  /**
   * Markdown release notes of a release against another release or a lane (by name); against
   * the previous release of the same System when `against` is not given.
   */
  getReleaseNotes(id: string, against?: string): Promise<ReleaseNotes>;
  /** The release's evidence pack for auditors (`GET /releases/{id}/evidence-pack`), as parsed JSON. */
  getEvidencePack(id: string): Promise<unknown>;
  /** Cuts a release; rejects with the server's 400/409 as a `ResponseError`. */
  createRelease(request: CreateReleaseRequest): Promise<Release>;
  /** Builds of a component (full ref), newest first, with the releases containing each. */
  listBuilds(
    options: { component: string } & PageOptions,
  ): Promise<Page<BuildWithReleases>>;
  /** The System's components per the catalog, each with its newest build. */
  getSystemComponents(
    system: string,
  ): Promise<{ items: SystemReleasableComponent[] }>;
  /**
   * The configured environment lanes and their policies, in promotion order; with `system`
   * (a full ref) the policy in force for that System, with the named policy's `policyName`.
   */
  listEnvironments(options?: {
    system?: string;
  }): Promise<{ items: Array<EnvironmentPolicy & { policyName?: string }> }>;
  /**
   * Every lane of a System (full ref), in promotion order: its current and
   * known-good release, what runs, drift, and what promoting the previous
   * lane's release would change.
   */
  getSystemEnvironments(systemRef: string): Promise<SystemEnvironments>;
  /**
   * Where a System's (full ref) data comes from: builds, deployments and incidents per source
   * and lane, production coverage, and the last run of each scheduled source.
   */
  getSystemSources(systemRef: string): Promise<SystemSources>;
  /**
   * What a promotion request of the release into `environment` by the caller
   * would meet now: the outcome, every unmet condition in the backend's words,
   * freezes in force and who could approve. Changes nothing.
   */
  checkPromotion(
    releaseId: string,
    environment: string,
  ): Promise<PromotionCheck>;
  /**
   * Asks for a promotion. A refusal rejects with a `ResponseError` whose body
   * carries `unmetConditions` (422, or 409 for an open promotion).
   */
  requestPromotion(
    releaseId: string,
    request: RequestPromotionRequest,
  ): Promise<Promotion>;
  /**
   * Asks for promotions of one release into several lanes at once (fan-out):
   * one per lane, each under its own policy; all are stored or none. A refusal
   * rejects with a `ResponseError` whose `unmetConditions` start with the lane.
   */
  requestFanOutPromotion(
    request: FanOutPromotionRequest,
  ): Promise<FanOutPromotionResponse>;
  /**
   * What rolling the System back in a lane would do now, changing nothing:
   * the target release, the rollback's gate check and what it changes; or why
   * there is nothing to roll back to.
   */
  checkRollback(systemRef: string, environment: string): Promise<RollbackCheck>;
  /** Rolls the System back in a lane (the known-good release, or `toRelease`); rejects with the refusal. */
  rollback(systemRef: string, request: RollbackRequest): Promise<Promotion>;
  /**
   * Promotions newest first; with `approver: 'me'` the approval queue: the
   * pending promotions the caller may vote on now.
   */
  listPromotions(
    options?: PromotionListOptions & PageOptions,
  ): Promise<Page<PromotionQueueItem>>;
  /**
   * How many promotions {@link ReleaseOrchestrationApi.listPromotions} would
   * list over all its pages, without reading them; with `approver: 'me'` the
   * size of the approval queue (for a badge).
   */
  countPromotions(options?: PromotionListOptions): Promise<{ count: number }>;
  /** Approves or rejects a promotion (a rejection needs a comment). */
  votePromotion(
    promotionId: string,
    request: ApprovalRequest,
  ): Promise<Promotion>;
  /**
   * Quarantines a release (marks it bad: no promotion anywhere, never
   * known-good); its open promotions that have not started deploying are
   * cancelled.
   */
  quarantineRelease(releaseId: string, reason: string): Promise<ReleaseSummary>;
  /** Lifts the quarantine of a release. */
  liftQuarantine(releaseId: string, reason: string): Promise<ReleaseSummary>;
  /** Withdraws a blocked, pending or approved promotion. */
  cancelPromotion(promotionId: string, reason?: string): Promise<Promotion>;
  /** Freeze windows that have not ended (all of them with `includePast`), by start. */
  listFreezes(options?: {
    environment?: string;
    includePast?: boolean;
  }): Promise<{ items: FreezeWindow[] }>;
  /** Declares a freeze window. */
  createFreeze(request: CreateFreezeRequest): Promise<FreezeWindow>;
  /** Deletes a freeze window; promotions it blocked move on. */
  deleteFreeze(id: string): Promise<void>;
  /** Recurring freeze windows, of app-config and declared in the portal, with their next openings. */
  listRecurringFreezes(): Promise<{ items: RecurringFreezeRule[] }>;
  /** The schedule and next openings of a recurring window, without declaring it. */
  previewRecurringFreeze(
    request: CreateRecurringFreezeRequest,
  ): Promise<RecurringFreezePreview>;
  /** Declares a recurring freeze window (the same one again returns the stored one). */
  createRecurringFreeze(
    request: CreateRecurringFreezeRequest,
  ): Promise<RecurringFreezeRule>;
  /** Adds a local date on which a recurring window declared in the portal does not open. */
  addRecurringFreezeException(
    id: string,
    date: string,
  ): Promise<RecurringFreezeRule>;
  /** Deletes a recurring window declared in the portal; promotions it held move on. */
  deleteRecurringFreeze(id: string): Promise<void>;
  /** DORA metrics of a System, a Group or the org, with the previous window and weekly values. */
  getDoraReport(options: DoraQueryOptions): Promise<DoraReport>;
  /** Every team's DORA figures over a window, in one request. */
  getDoraTeams(options: {
    from?: string;
    to?: string;
  }): Promise<DoraTeamsResponse>;
  /** A page of the per-System DORA breakdown of a System, Group or the org, by System ref or by a metric. */
  listDoraSystems(
    options: DoraQueryOptions & PageOptions & DoraSystemsOrder,
  ): Promise<DoraSystemsPage>;
  /** A page of the rows behind one metric of a System, Group or the org, oldest first. */
  listDoraFacts(
    options: DoraQueryOptions & PageOptions & { metric: DoraMetric },
  ): Promise<DoraFactsPage>;
}

/**
 * The entity and time window of a DORA query: a full System or Group ref, or
 * `org`; `from`/`to` are ISO timestamps (the backend defaults to the 30 days
 * before now).
 * @public
 */
export interface DoraQueryOptions {
  entity: string;
  from?: string;
  to?: string;
}

/**
 * The order of {@link ReleaseOrchestrationApi.listDoraSystems}: by System ref
 * (the default) or by a metric's value, Systems without one last.
 * @public
 */
export interface DoraSystemsOrder {
  sort?: 'system' | DoraMetric;
  order?: 'asc' | 'desc';
}

/**
 * Filters of {@link ReleaseOrchestrationApi.listPromotions} and
 * {@link ReleaseOrchestrationApi.countPromotions}.
 * @public
 */
export interface PromotionListOptions {
  state?: PromotionState;
  /** Only what the caller may vote on now (pending promotions). */
  approver?: 'me';
  environment?: string;
  /** Full System ref. */
  system?: string;
}

/**
 * Reference to the {@link ReleaseOrchestrationApi}.
 * @public
 */
export const releaseOrchestrationApiRef = createApiRef<ReleaseOrchestrationApi>(
  { id: 'plugin.release-orchestration.service' },
);
