import type { PromotionPolicy } from './promotionTypes';

/**
 * A commit that a build carries, used for change lead time.
 * @public
 */
export interface BuildCommit {
  sha: string;
  /** ISO 8601 time the commit was made. */
  time: string;
  message?: string;
  /** The commit's author as CI reported it (a name or e-mail). */
  author?: string;
}

/**
 * A component version reported by CI. Immutable.
 * @public
 */
export interface Build {
  id: string;
  /** Full entity ref, e.g. `component:default/payments-api`. */
  componentRef: string;
  version: string;
  artifactUri: string;
  /** Content digest of the artifact, e.g. `sha256:…`. */
  artifactDigest: string;
  buildUrl?: string;
  commitSha: string;
  /** ISO 8601 time of the head commit. */
  commitTime: string;
  /** The commits since the previous build of the component, when CI sent them. */
  commits: BuildCommit[];
  reportedBy: string;
  createdAt: string;
}

/**
 * A build together with the releases whose manifests contain it.
 * @public
 */
export interface BuildWithReleases extends Build {
  releases: Array<{ id: string; version: string; systemRef: string }>;
}

/**
 * Risk class of a release; approval policies can differ by it.
 * @public
 */
export type RiskClass = 'low' | 'medium' | 'high';

/**
 * One line of a release manifest.
 * @public
 */
export interface ReleaseComponent {
  componentRef: string;
  version: string;
  buildId: string;
  artifactUri: string;
  artifactDigest: string;
  commitSha: string;
  buildUrl?: string;
}

/**
 * A quarantine in force on a release: it was marked bad, cannot be promoted anywhere and is
 * never known-good until the quarantine is lifted.
 * @public
 */
export interface ReleaseQuarantine {
  reason: string;
  /** Who quarantined it: a user ref, or the plugin's service principal for an incident. */
  quarantinedBy: string;
  quarantinedAt: string;
  /** The production incident that quarantined it automatically, if one did. */
  incidentId?: string;
}

/**
 * A release as listed, without its manifest.
 * @public
 */
export interface ReleaseSummary {
  id: string;
  systemRef: string;
  version: string;
  notes?: string;
  riskClass: RiskClass;
  createdBy: string;
  createdAt: string;
  componentCount: number;
  /**
   * `sha256:<hex>` over the manifest's canonical form (each component ref with its artifact
   * digest; see docs/releases.md), fixed when the release is cut.
   */
  manifestDigest: string;
  /** Set while the release is quarantined. */
  quarantine?: ReleaseQuarantine;
}

/**
 * A release with its immutable manifest.
 * @public
 */
export interface Release extends ReleaseSummary {
  components: ReleaseComponent[];
  /** The release of the same System cut just before this one, if any. */
  previousReleaseId?: string;
}

/**
 * How one component differs between two manifests.
 * @public
 */
export type ComponentChangeKind = 'added' | 'removed' | 'changed' | 'unchanged';

/**
 * One component's line in a diff of two manifests.
 * @public
 */
export interface ComponentChange {
  componentRef: string;
  change: ComponentChangeKind;
  /** Version in the release compared against (`against`). */
  fromVersion?: string;
  /** Version in the release asked about. */
  toVersion?: string;
  /**
   * The commits the change ships: those of the component's builds after `fromVersion` up to
   * `toVersion` (all builds up to it for an added component), newest first. Set by the diff API.
   */
  commits?: ChangeCommit[];
  /** The commits the change takes out when `toVersion` is older than `fromVersion` (a rollback). */
  revertedCommits?: ChangeCommit[];
  /** Whether `commits` or `revertedCommits` were cut at the API's limit (oldest left out). */
  commitsTruncated?: boolean;
}

/**
 * A commit in a diff, with the component version whose build carried it.
 * @public
 */
export interface ChangeCommit extends BuildCommit {
  version: string;
  /** Link to the commit, from `releaseOrchestration.commitLinks.commitUrl` (absent when not configured). */
  url?: string;
  /**
   * Pull/merge requests and tickets the message names, per the configured patterns
   * (`releaseOrchestration.commitLinks.references`; by default `#123`, `!45`, pull/merge-request
   * URLs and keys such as `PAY-42`, without links). Set by the diff API.
   */
  references?: CommitReference[];
}

/**
 * A pull/merge request or ticket named in a commit message.
 * @public
 */
export interface CommitReference {
  kind: 'pullRequest' | 'ticket';
  /** As written in the message, e.g. `#123` or `PAY-42`. */
  text: string;
  /** Where it lives, when the matching pattern has a URL template. */
  url?: string;
}

/**
 * Component-level diff of two release manifests, with the commits per changed component.
 * @public
 */
export interface ReleaseDiff {
  release: { id: string; version: string };
  /** The release compared with; absent when comparing with a lane where nothing was released yet. */
  against?: { id: string; version: string };
  /** Set when the comparison is with the release currently in this environment lane. */
  environment?: string;
  changes: ComponentChange[];
}

/**
 * Release notes (`GET /releases/{id}/notes`): markdown from the commits of a diff, and the pull
 * requests and tickets their messages name.
 * @public
 */
export interface ReleaseNotes {
  release: { id: string; version: string };
  against?: { id: string; version: string };
  environment?: string;
  markdown: string;
  pullRequests: string[];
  tickets: string[];
}

/**
 * An environment lane and its promotion policy, from app-config.
 * @public
 */
export interface EnvironmentPolicy extends PromotionPolicy {
  name: string;
  title: string;
  /**
   * The lanes a release passes before this one (`after` in app-config; by default the lane listed
   * before it). Several lanes may come after the same lane (fan-out, e.g. production-eu and
   * production-us after staging). The backend always fills it in, in graph order.
   */
  after?: string[];
  /**
   * The policy for rollbacks into this lane: the lane's policy with its `rollback` overrides
   * (the backend always fills it in; without it a rollback uses the lane's policy).
   */
  rollback?: PromotionPolicy;
}

/**
 * One appended, hash-chained audit event.
 * @public
 */
export interface AuditEvent {
  id: string;
  sequence: number;
  /** Who did it: a user entity ref or `service:<subject>`. */
  actor: string;
  action: string;
  /** The catalog entity the event is about (a System or Component ref). */
  entityRef: string;
  subjectType: string;
  subjectId: string;
  summary: string;
  createdAt: string;
  prevHash: string;
  hash: string;
}

/**
 * A page of a cursor-paginated list.
 * @public
 */
export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; absent on the last page. */
  nextCursor?: string;
}
