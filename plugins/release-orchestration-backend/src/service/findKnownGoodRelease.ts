import { ReleaseSummary } from '@release-orchestration/plugin-release-orchestration-common';
import { SucceededPromotion } from '../database/promotionStoreTypes';
import { Stores } from '../database/types';

/**
 * Releases that a later succeeded rollback replaced in the lane, until they succeed there again
 * without a rollback: they were judged bad.
 *
 * @param succeeded - the lane's succeeded promotions, newest success first
 */
export function rolledBackReleases(succeeded: SucceededPromotion[]): Set<string> {
  const rolledBack = new Set<string>();
  let current: string | undefined;
  for (const promotion of [...succeeded].reverse()) {
    if (promotion.rollback && current && current !== promotion.releaseId) {
      rolledBack.add(current);
    } else if (!promotion.rollback) {
      rolledBack.delete(promotion.releaseId);
    }
    current = promotion.releaseId;
  }
  return rolledBack;
}

/**
 * The known-good release of a System in an environment: the release whose promotion into it
 * succeeded most recently, skipping releases a later rollback replaced and releases `exclude`
 * names (a rollback excludes what runs now; incidents can exclude releases they are open against).
 */
export async function findKnownGoodRelease(
  stores: Stores,
  systemRef: string,
  environment: string,
  options: { exclude?: (releaseId: string) => boolean } = {},
): Promise<ReleaseSummary | undefined> {
  const succeeded = await stores.promotions.listSucceeded(systemRef, environment);
  const rolledBack = rolledBackReleases(succeeded);
  const good = succeeded.find(
    p => !rolledBack.has(p.releaseId) && !(options.exclude?.(p.releaseId) ?? false),
  );
  return good ? stores.releases.get(good.releaseId) : undefined;
}
