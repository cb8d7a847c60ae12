import { createApiRef } from '@backstage/core-plugin-api';
import {
  Build,
  BuildWithReleases,
  CreateReleaseRequest,
  Page,
  Release,
  ReleaseDiff,
  ReleaseSummary,
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
  /** One release with its manifest. */
  getRelease(id: string): Promise<Release>;
  /**
   * Component-level diff of a release against another one; against the
   * previous release of the same System when `against` is not given.
   */
  getReleaseDiff(id: string, against?: string): Promise<ReleaseDiff>;
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
}

/**
 * Reference to the {@link ReleaseOrchestrationApi}.
 * @public
 */
export const releaseOrchestrationApiRef = createApiRef<ReleaseOrchestrationApi>(
  { id: 'plugin.release-orchestration.service' },
);
