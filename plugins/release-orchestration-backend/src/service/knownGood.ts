/**
 * One success of a release in a lane: a succeeded whole-release deployment, or a succeeded
 * promotion where no deployments are reported.
 */
export interface LaneSuccess {
  releaseId: string;
  /** The success was a rollback deployment or promotion. */
  rollback: boolean;
}

/**
 * Releases that a later rollback replaced in the lane, until they succeed there again without a
 * rollback: they were judged bad.
 *
 * @param history - the lane's successes, newest first
 */
export function rolledBackReleases(history: LaneSuccess[]): Set<string> {
  const rolledBack = new Set<string>();
  let current: string | undefined;
  for (const success of [...history].reverse()) {
    if (success.rollback && current && current !== success.releaseId) {
      rolledBack.add(current);
    } else if (!success.rollback) {
      rolledBack.delete(success.releaseId);
    }
    current = success.releaseId;
  }
  return rolledBack;
}

/**
 * The one definition of "known-good" in a lane (DESIGN.md): the newest release that succeeded
 * there, skipping releases a later rollback replaced, releases with an open incident against
 * them, quarantined releases, and whatever `eligible` rules out (e.g. partial deployments, or what runs now when
 * rolling back).
 *
 * @param history - the lane's successes, newest first
 */
export function pickKnownGood<T extends LaneSuccess>(
  history: T[],
  options: {
    openIncidentReleases?: ReadonlySet<string>;
    /** Releases under quarantine: never known-good. */
    quarantinedReleases?: ReadonlySet<string>;
    eligible?: (success: T) => boolean;
  } = {},
): T | undefined {
  const rolledBack = rolledBackReleases(history);
  return history.find(
    success =>
      !rolledBack.has(success.releaseId) &&
      !options.openIncidentReleases?.has(success.releaseId) &&
      !options.quarantinedReleases?.has(success.releaseId) &&
      (options.eligible?.(success) ?? true),
  );
}
