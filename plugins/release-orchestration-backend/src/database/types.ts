import { RecurringFreezeStore } from './DatabaseRecurringFreezeStore';
import {
  Build,
  ChangeCommit,
  ReleaseComponent,
  ReleaseQuarantine,
  ReleaseSummary,
} from '@release-orchestration/plugin-release-orchestration-common';
import { DeploymentStore, DriftStore } from './deploymentStoreTypes';
import { DoraFactStore, DoraMetricsStore } from './doraStoreTypes';
import { IncidentStore } from './incidentStoreTypes';
import type { AuditStore } from './auditStoreTypes';
import type { SourceStore } from './sourceStoreTypes';
import type { DoraDeferralStore } from './DatabaseDoraDeferralStore';
import {
  EvidenceStore,
  FreezeStore,
  PromotionStore,
} from './promotionStoreTypes';

/** Position in a list ordered newest first. */
export interface ListCursor {
  createdAt: string;
  id: string;
}

/** A build to be stored: the API's {@link Build} and where it came from. */
export type NewBuild = Build & {
  /** How it came in (`api`, `import`, `cdevents`, a source module id); `api` when absent. */
  source?: string;
};

/** Builds reported by CI. */
export interface BuildStore {
  /** Inserts unless a build of the same component and version exists; returns the stored one. */
  insertIfAbsent(build: NewBuild): Promise<{ build: Build; inserted: boolean }>;
  /**
   * {@link BuildStore.insertIfAbsent} for many builds in a few multi-row statements; one answer
   * each, in order. A later build of a component version that comes earlier in the list is not
   * inserted and answers with the earlier one.
   */
  insertManyIfAbsent(
    builds: NewBuild[],
  ): Promise<Array<{ build: Build; inserted: boolean }>>;
  get(id: string): Promise<Build | undefined>;
  /** Whether any build was ever reported. */
  hasAny(): Promise<boolean>;
  getByVersion(
    componentRef: string,
    version: string,
  ): Promise<Build | undefined>;
  /** Builds by component and version, for many pairs at once. */
  getByVersions(
    pairs: Array<{ componentRef: string; version: string }>,
  ): Promise<Build[]>;
  /** The newest build of each of the given components. */
  latestForComponents(componentRefs: string[]): Promise<Map<string, Build>>;
  /**
   * The commits between two builds of one component, newest first, at most `limit`: those of the
   * builds reported after `fromBuildId` (from the first build without it) up to and including
   * `toBuildId`. When `fromBuildId` was reported after `toBuildId` the range is turned around and
   * `reverted` is true. A build that listed no commits contributes its head commit.
   */
  commitsBetween(options: {
    componentRef: string;
    fromBuildId?: string;
    toBuildId: string;
    limit: number;
  }): Promise<{
    commits: ChangeCommit[];
    truncated: boolean;
    reverted: boolean;
  }>;
  list(options: {
    componentRef: string;
    limit: number;
    cursor?: ListCursor;
  }): Promise<Build[]>;
}

/**
 * A release to be stored: the fields of {@link ReleaseSummary} the caller sets (the store derives
 * the component count, the manifest digest and the quarantine) and the builds of its manifest.
 */
export type NewRelease = Omit<
  ReleaseSummary,
  'componentCount' | 'manifestDigest' | 'quarantine'
> & {
  components: Array<{ componentRef: string; buildId: string }>;
};

/** Immutable release manifests. */
/** A release as a deployment of it records it: {@link ReleaseStore.getDeployable}. */
export interface DeployableRelease {
  id: string;
  systemRef: string;
  version: string;
  /** Component versions of the manifest, by component ref. */
  components: Array<{ componentRef: string; version: string }>;
}

export interface ReleaseStore {
  /** Inserts the release and its manifest; `inserted` is false when the version name was taken. */
  insertIfAbsent(release: NewRelease): Promise<{ inserted: boolean }>;
  get(id: string): Promise<ReleaseSummary | undefined>;
  /** The id of the System's release with this version name (unique per System). */
  idOfVersion(systemRef: string, version: string): Promise<string | undefined>;
  /**
   * {@link ReleaseStore.get} with the release's row locked until the transaction ends (on
   * PostgreSQL; SQLite serialises writers): quarantining and requesting a promotion take it.
   */
  lock(id: string): Promise<ReleaseSummary | undefined>;
  /** Ids of the deployments and incidents tied to the release (at most `limit` of each). */
  recordIds(
    id: string,
    limit: number,
  ): Promise<{ deploymentIds: string[]; incidentIds: string[] }>;
  getManifest(id: string): Promise<ReleaseComponent[]>;
  /**
   * What a deployment of the release records, read in one statement (the ingest hot path): its
   * System, version and manifest's component versions. Undefined when there is no such release.
   */
  getDeployable(id: string): Promise<DeployableRelease | undefined>;
  /** The release of the same System cut just before the given one. */
  getPrevious(release: ReleaseSummary): Promise<ReleaseSummary | undefined>;
  list(options: {
    systemRef: string;
    limit: number;
    cursor?: ListCursor;
  }): Promise<ReleaseSummary[]>;
  /** Releases whose manifests contain any of the given builds, by build id. */
  listContainingBuilds(
    buildIds: string[],
  ): Promise<
    Map<string, Array<{ id: string; version: string; systemRef: string }>>
  >;
  /**
   * Quarantines a release unless a quarantine is in force on it; false when one is (of two
   * concurrent calls exactly one gets true).
   */
  quarantine(input: NewQuarantine): Promise<boolean>;
  /** Lifts the quarantine in force; the lifted one, or undefined when none was in force. */
  liftQuarantine(input: {
    releaseId: string;
    liftedBy: string;
    liftedAt: string;
    reason: string;
  }): Promise<ReleaseQuarantine | undefined>;
  /** The quarantines in force on any of the releases, by release id. */
  quarantinesOf(releaseIds: string[]): Promise<Map<string, ReleaseQuarantine>>;
  /** The quarantines in force on the System's releases, by release id. */
  quarantinesOfSystem(
    systemRef: string,
  ): Promise<Map<string, ReleaseQuarantine>>;
}

/** A quarantine to be put on a release. */
export interface NewQuarantine extends ReleaseQuarantine {
  id: string;
  releaseId: string;
}

/** An audit event to be appended. */
export interface NewAuditEvent {
  actor: string;
  action: string;
  entityRef: string;
  subjectType: string;
  subjectId: string;
  summary: string;
  data?: Record<string, unknown>;
  createdAt: string;
}

export type {
  AuditChainOptions,
  AuditCheckpointStore,
  AuditStore,
  AuditVerification,
  FullAuditVerification,
} from './auditStoreTypes';

/** The stores of the plugin, bound to one connection or transaction. */
export interface Stores {
  builds: BuildStore;
  releases: ReleaseStore;
  audit: AuditStore;
  deployments: DeploymentStore;
  drift: DriftStore;
  incidents: IncidentStore;
  doraFacts: DoraFactStore;
  /** Production deployments an import stored whose DORA roll-ups the catch-up still has to record. */
  doraDeferred: DoraDeferralStore;
  doraMetrics: DoraMetricsStore;
  evidence: EvidenceStore;
  promotions: PromotionStore;
  freezes: FreezeStore;
  /** Recurring freeze windows declared in the portal. */
  recurringFreezes: RecurringFreezeStore;
  /** Where data came from (Sources panel) and how scheduled sources' runs ended. */
  sources: SourceStore;
  /** Runs `fn` in one transaction; everything it writes commits or rolls back together. */
  transaction<T>(fn: (tx: Stores) => Promise<T>): Promise<T>;
}
