/*
 * The hand-written types of this package against the types generated from the OpenAPI document
 * (plugins/release-orchestration-backend/src/schema/openapi.yaml, by scripts/openapi-generate.mjs).
 * The type check fails when a type and the schema of the same name drift apart: the compiler keeps
 * them in step instead of a test walking the router. Nothing here is exported from the package.
 */
import type { ApiSchema } from '../openapi';
import type {
  Approval,
  ApprovalRequest,
  AttachEvidenceRequest,
  AuditEvent,
  Build,
  BuildCommit,
  BuildWithReleases,
  CdEventResult,
  ChangeApprovals,
  ChangeCommit,
  ComponentChange,
  ComponentDrift,
  CreateFreezeRequest,
  CreateRecurringFreezeRequest,
  CreateReleaseRequest,
  DeployedRelease,
  Deployment,
  DeploymentSummary,
  DoraEntity,
  DoraFactsPage,
  DoraLevel,
  DoraLevelTable,
  DoraMetricLevels,
  DoraReport,
  DoraSystemsPage,
  DoraTeamsResponse,
  DoraTimeWindow,
  DoraTrend,
  DoraWindowMetrics,
  EnvironmentPolicy,
  EnvironmentState,
  Evidence,
  EvidenceSummary,
  FanOutPromotionRequest,
  FreezeWindow,
  ImportLineResult,
  ImportResponse,
  Incident,
  IncidentWebhookResult,
  Promotion,
  PromotionCheck,
  PromotionPolicy,
  PromotionQueueItem,
  PromotionState,
  PromotionTransition,
  PromotionTransitionRequest,
  RecurringFreezeOpening,
  RecurringFreezeRule,
  Release,
  ReleaseComponent,
  ReleaseDetails,
  ReleaseDiff,
  ReleaseNotes,
  ReleaseQuarantine,
  ReleaseSummary,
  ReportBuildRequest,
  ReportDeploymentRequest,
  ReportIncidentRequest,
  RequestPromotionRequest,
  RollbackCheck,
  RollbackRequest,
  RunningComponent,
  SystemEnvironments,
  SystemSources,
  UnmetCondition,
  UpdateIncidentRequest,
} from '../index';

/** Both ways assignable: a value of one is a value of the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** What the backend sends (the hand-written type) is what the document promises. */
type Sends<Hand, Generated> = [Hand] extends [Generated] ? true : false;
/** What a client sends under the document is what the backend's request type admits. */
type Admits<Hand, Generated> = [Generated] extends [Hand] ? true : false;
type Holds<T extends true> = T;

/** The same type both ways. */
export type SameAsDocument = [
  Holds<Same<Build, ApiSchema<'Build'>>>,
  Holds<Same<BuildWithReleases, ApiSchema<'BuildWithReleases'>>>,
  Holds<Same<BuildCommit, ApiSchema<'BuildCommit'>>>,
  Holds<Same<ReleaseSummary, ApiSchema<'ReleaseSummary'>>>,
  Holds<Same<Release, ApiSchema<'Release'>>>,
  Holds<Same<ReleaseComponent, ApiSchema<'ReleaseComponent'>>>,
  Holds<Same<ReleaseQuarantine, ApiSchema<'ReleaseQuarantine'>>>,
  Holds<Same<ReleaseDiff, ApiSchema<'ReleaseDiff'>>>,
  Holds<Same<ChangeCommit, ApiSchema<'ChangeCommit'>>>,
  Holds<Same<ReleaseNotes, ApiSchema<'ReleaseNotes'>>>,
  Holds<Same<ReleaseDetails, ApiSchema<'ReleaseDetails'>>>,
  Holds<Same<EnvironmentPolicy, ApiSchema<'EnvironmentPolicy'>>>,
  Holds<Same<PromotionPolicy, ApiSchema<'PromotionPolicy'>>>,
  Holds<Same<AuditEvent, ApiSchema<'AuditEvent'>>>,
  Holds<Same<DeploymentSummary, ApiSchema<'DeploymentSummary'>>>,
  Holds<Same<Deployment, ApiSchema<'Deployment'>>>,
  Holds<Same<DeployedRelease, ApiSchema<'DeployedRelease'>>>,
  Holds<Same<RunningComponent, ApiSchema<'RunningComponent'>>>,
  Holds<Same<ComponentDrift, ApiSchema<'ComponentDrift'>>>,
  Holds<Same<ComponentChange, ApiSchema<'ComponentChange'>>>,
  Holds<Same<EnvironmentState, ApiSchema<'EnvironmentState'>>>,
  Holds<Same<SystemEnvironments, ApiSchema<'SystemEnvironments'>>>,
  Holds<Same<Evidence, ApiSchema<'Evidence'>>>,
  Holds<Same<EvidenceSummary, ApiSchema<'EvidenceSummary'>>>,
  Holds<Same<PromotionState, ApiSchema<'PromotionState'>>>,
  Holds<Same<Approval, ApiSchema<'Approval'>>>,
  Holds<Same<PromotionTransition, ApiSchema<'PromotionTransition'>>>,
  Holds<Same<Promotion, ApiSchema<'Promotion'>>>,
  Holds<Same<ChangeApprovals, ApiSchema<'ChangeApprovals'>>>,
  Holds<Same<UnmetCondition, ApiSchema<'UnmetCondition'>>>,
  Holds<Same<RollbackCheck, ApiSchema<'RollbackCheck'>>>,
  Holds<Same<PromotionCheck, ApiSchema<'PromotionCheck'>>>,
  Holds<Same<PromotionQueueItem, ApiSchema<'PromotionQueueItem'>>>,
  Holds<Same<FreezeWindow, ApiSchema<'FreezeWindow'>>>,
  Holds<Same<RecurringFreezeOpening, ApiSchema<'RecurringFreezeOpening'>>>,
  Holds<Same<RecurringFreezeRule, ApiSchema<'RecurringFreezeRule'>>>,
  Holds<Same<Incident, ApiSchema<'Incident'>>>,
  Holds<Same<SystemSources, ApiSchema<'SystemSources'>>>,
  Holds<Same<CdEventResult, ApiSchema<'CdEventResult'>>>,
  Holds<Same<ImportLineResult, ApiSchema<'ImportLineResult'>>>,
  Holds<Same<ImportResponse, ApiSchema<'ImportResponse'>>>,
  Holds<Same<IncidentWebhookResult, ApiSchema<'IncidentWebhookResult'>>>,
  Holds<Same<DoraLevel, ApiSchema<'DoraLevel'>>>,
  Holds<Same<DoraTrend, ApiSchema<'DoraTrend'>>>,
  Holds<Same<DoraTimeWindow, ApiSchema<'DoraTimeWindow'>>>,
  Holds<Same<DoraWindowMetrics, ApiSchema<'DoraWindowMetrics'>>>,
  Holds<Same<DoraEntity, ApiSchema<'DoraEntity'>>>,
  Holds<Same<DoraFactsPage, ApiSchema<'DoraFactsPage'>>>,
  Holds<Same<DoraSystemsPage, ApiSchema<'DoraSystemsPage'>>>,
  Holds<Same<ReportBuildRequest, ApiSchema<'ReportBuildRequest'>>>,
  Holds<Same<AttachEvidenceRequest, ApiSchema<'AttachEvidenceRequest'>>>,
  Holds<Same<RequestPromotionRequest, ApiSchema<'RequestPromotionRequest'>>>,
  Holds<Same<FanOutPromotionRequest, ApiSchema<'FanOutPromotionRequest'>>>,
  Holds<Same<RollbackRequest, ApiSchema<'RollbackRequest'>>>,
  Holds<Same<ApprovalRequest, ApiSchema<'ApprovalRequest'>>>,
  Holds<
    Same<PromotionTransitionRequest, ApiSchema<'PromotionTransitionRequest'>>
  >,
  Holds<Same<CreateFreezeRequest, ApiSchema<'CreateFreezeRequest'>>>,
  Holds<
    Same<
      CreateRecurringFreezeRequest,
      ApiSchema<'CreateRecurringFreezeRequest'>
    >
  >,
  Holds<Same<UpdateIncidentRequest, ApiSchema<'UpdateIncidentRequest'>>>,
];

/**
 * The backend's type is stricter than the document (the document leaves these fields optional or
 * open): every value the backend sends conforms, but a client reading the document may not rely on
 * more than it says.
 */
export type StricterThanDocument = [
  Holds<Sends<DoraMetricLevels, ApiSchema<'DoraMetricLevels'>>>,
  Holds<Sends<DoraLevelTable, ApiSchema<'DoraLevelTable'>>>,
  Holds<Sends<DoraReport, ApiSchema<'DoraReport'>>>,
  Holds<Sends<DoraTeamsResponse, ApiSchema<'DoraTeamsResponse'>>>,
];

/**
 * Request types read after zod's defaults: every body the document allows parses to them,
 * with the defaults filled in.
 */
export type RequestsAfterDefaults = [
  Holds<Admits<CreateReleaseRequest, ApiSchema<'CreateReleaseRequest'>>>,
  Holds<Admits<ReportDeploymentRequest, ApiSchema<'ReportDeploymentRequest'>>>,
  Holds<Admits<ReportIncidentRequest, ApiSchema<'ReportIncidentRequest'>>>,
];
