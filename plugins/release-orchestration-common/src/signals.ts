/**
 * The Backstage signals channel on which the backend announces committed changes to promotions,
 * approvals, deployments, evidence, freezes and releases, so the approval badge, the queue and
 * release pages refetch at once instead of waiting for their next poll.
 * @public
 */
export const RELEASE_ORCHESTRATION_SIGNAL_CHANNEL =
  'release-orchestration:promotions';

/**
 * The message of a signal on {@link RELEASE_ORCHESTRATION_SIGNAL_CHANNEL}: what changed, not the
 * data itself (a page refetches through the API, with the signed-in user's permissions).
 * @public
 */
export type ReleaseOrchestrationSignal = {
  /** The audit actions committed together, e.g. `promotion.requested`, `approval.recorded`. */
  actions: string[];
  /** The Systems (entity refs) they concern. */
  systemRefs: string[];
  /** The ids of the promotions, releases, deployments, ... they concern. */
  subjectIds: string[];
};
