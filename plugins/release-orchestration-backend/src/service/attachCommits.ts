import {
  ComponentChange,
  ReleaseComponent,
} from '@release-orchestration/plugin-release-orchestration-common';
import { BuildStore } from '../database/types';

/** How many commits a diff lists per component; the newest are kept. */
export const COMMITS_PER_COMPONENT = 100;

/**
 * Adds to each added or changed component the commits between the two builds (see
 * `BuildStore.commitsBetween`): `commits` when the release moves forward, `revertedCommits` when
 * it goes back to an older build.
 */
export async function attachCommits(
  builds: BuildStore,
  changes: ComponentChange[],
  release: ReleaseComponent[],
  against: ReleaseComponent[],
  limit = COMMITS_PER_COMPONENT,
): Promise<ComponentChange[]> {
  const to = new Map(release.map(c => [c.componentRef, c.buildId]));
  const from = new Map(against.map(c => [c.componentRef, c.buildId]));
  return Promise.all(
    changes.map(async change => {
      const toBuildId = to.get(change.componentRef);
      if (
        !toBuildId ||
        (change.change !== 'added' && change.change !== 'changed')
      ) {
        return change;
      }
      const { commits, truncated, reverted } = await builds.commitsBetween({
        componentRef: change.componentRef,
        fromBuildId: from.get(change.componentRef),
        toBuildId,
        limit,
      });
      return {
        ...change,
        ...(reverted ? { commits: [], revertedCommits: commits } : { commits }),
        ...(truncated ? { commitsTruncated: true } : {}),
      };
    }),
  );
}
