import { ReleaseSummary } from '@release-orchestration/plugin-release-orchestration-common';
import { Stores } from '../database/types';
import { LaneSuccess, pickKnownGood } from './knownGood';

export { rolledBackReleases } from './knownGood';

/** As many successes per lane as the environments view reads. */
const HISTORY_LIMIT = 200;

/**
 * The known-good release of a System in an environment, by the one definition in `pickKnownGood`
 * (as the environments view shows it): the lane's history is its succeeded whole-release
 * deployments where CD reports deployments, otherwise its succeeded promotions. Releases with an
 * open incident in the lane are skipped, quarantined ones too, and so are those `exclude` names (a rollback excludes
 * what runs now).
 */
export async function findKnownGoodRelease(
  stores: Stores,
  systemRef: string,
  environment: string,
  options: { exclude?: (releaseId: string) => boolean } = {},
): Promise<ReleaseSummary | undefined> {
  const [deployments, openIncidents, quarantines] = await Promise.all([
    stores.drift.succeededReleaseDeployments(
      systemRef,
      [environment],
      HISTORY_LIMIT,
    ),
    stores.incidents.openIncidentReleases(systemRef, [environment]),
    stores.releases.quarantinesOfSystem(systemRef),
  ]);
  const reportsDeployments = deployments.some(d => d.whole);
  const history: Array<LaneSuccess & { whole?: boolean }> = reportsDeployments
    ? deployments
    : await stores.promotions.listSucceeded(systemRef, environment);
  const good = pickKnownGood(history, {
    openIncidentReleases: new Set(openIncidents.map(o => o.releaseId)),
    quarantinedReleases: new Set(quarantines.keys()),
    eligible: success =>
      success.whole !== false &&
      !(options.exclude?.(success.releaseId) ?? false),
  });
  return good ? stores.releases.get(good.releaseId) : undefined;
}
