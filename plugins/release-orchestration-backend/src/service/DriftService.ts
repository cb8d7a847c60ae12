import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  EnvironmentPolicy,
  EnvironmentState,
  SystemEnvironments,
} from '@release-orchestration/plugin-release-orchestration-common';
import { ReleaseDeploymentRecord } from '../database/deploymentStoreTypes';
import { Stores } from '../database/types';
import { CatalogGateway } from './CatalogGateway';
import { computeDrift, runningComponents } from './computeDrift';
import { diffManifests } from './diffManifests';
import { currentRelease, knownGoodRelease } from './knownGoodRelease';
import { predecessorsOf } from '../config/laneGraph';

/** How many succeeded release deployments per lane are read to find the known-good release. */
const RELEASE_HISTORY_PER_LANE = 200;

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item)) ?? [];
    list.push(item);
    groups.set(key(item), list);
  }
  return groups;
}

/**
 * Per System and lane: the current and known-good releases, what runs, drift, and what promoting
 * the previous lane's release would change. Seven queries for any number of lanes and components.
 */
export class DriftService {
  constructor(
    private readonly stores: Stores,
    private readonly catalog: CatalogGateway,
    private readonly environments: EnvironmentPolicy[],
  ) {}

  async systemEnvironments(
    systemRef: string,
    credentials?: BackstageCredentials,
  ): Promise<SystemEnvironments> {
    if (!(await this.catalog.getSystemComponents(systemRef, credentials))) {
      throw new NotFoundError(`${systemRef} is not in the catalog`);
    }
    const lanes = this.environments.map(e => e.name);
    const [
      history,
      wholeReleases,
      running,
      latest,
      openIncidents,
      quarantines,
    ] = await Promise.all([
      this.stores.drift.succeededReleaseDeployments(
        systemRef,
        lanes,
        RELEASE_HISTORY_PER_LANE,
      ),
      this.stores.drift.latestWholeReleaseDeployments(systemRef, lanes),
      this.stores.drift.runningComponents(systemRef, lanes),
      this.stores.drift.latestDeployments(systemRef, lanes),
      this.stores.incidents.openIncidentReleases(systemRef, lanes),
      this.stores.releases.quarantinesOfSystem(systemRef),
    ]);
    const quarantined = new Set(quarantines.keys());
    const historyByLane = groupBy(history, h => h.environment);
    const runningByLane = groupBy(running, r => r.environment);
    const wholeByLane = new Map<string, ReleaseDeploymentRecord>(
      wholeReleases.map(w => [w.environment, w]),
    );
    const latestByLane = new Map(latest.map(d => [d.environment, d]));
    const current = new Map(
      lanes.flatMap(lane => {
        const release = currentRelease(historyByLane.get(lane) ?? []);
        const quarantine = release && quarantines.get(release.id);
        return release
          ? [
              [
                lane,
                quarantine
                  ? { ...release, quarantineReason: quarantine.reason }
                  : release,
              ] as const,
            ]
          : [];
      }),
    );
    const manifests = await this.stores.drift.manifests([
      ...new Set([...current.values()].map(r => r.id)),
    ]);

    const states: EnvironmentState[] = [];
    for (const lane of this.environments) {
      const release = current.get(lane.name);
      const whole = wholeByLane.get(lane.name);
      const runs = runningComponents(runningByLane.get(lane.name) ?? [], whole);
      const knownGood = knownGoodRelease(
        historyByLane.get(lane.name) ?? [],
        new Set(
          openIncidents
            .filter(o => o.environment === lane.name)
            .map(o => o.releaseId),
        ),
        quarantined,
      );
      const lastDeployment = latestByLane.get(lane.name);
      const state: EnvironmentState = {
        environment: lane.name,
        title: lane.title,
        ...(release ? { currentRelease: release } : {}),
        ...(knownGood ? { knownGoodRelease: knownGood } : {}),
        ...(lastDeployment ? { lastDeployment } : {}),
        running: runs,
        drift: computeDrift(
          release && {
            deploymentId: release.deploymentId,
            deployedAt: release.deployedAt,
            components: manifests.get(release.id) ?? [],
          },
          runs,
        ),
      };
      // What would come in from the lane before (the first of its `after`; after a fan-out each
      // branch compares with the same lane).
      const [before] = predecessorsOf(this.environments, lane.name);
      if (before) {
        const previous = before.name;
        const incoming = current.get(previous);
        state.incoming = {
          fromEnvironment: previous,
          ...(incoming
            ? { release: { id: incoming.id, version: incoming.version } }
            : {}),
          changes: incoming
            ? diffManifests(
                manifests.get(incoming.id) ?? [],
                release ? manifests.get(release.id) ?? [] : [],
              )
            : [],
        };
      }
      states.push(state);
    }
    return { systemRef, environments: states };
  }
}
