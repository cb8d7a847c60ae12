/**
 * How an incident got its deployment: named by the reporter (`explicit`, including "no
 * deployment"), or the newest successful deployment of its System in its environment before it
 * opened (`automatic`).
 * @public
 */
export type IncidentAttribution = 'explicit' | 'automatic';

/**
 * A failure in an environment (normally production), reported by an incident tool or a person.
 * @public
 */
export interface Incident {
  id: string;
  /** Where it comes from, e.g. `pagerduty` or `api`; `externalId` is unique per source. */
  source: string;
  externalId: string;
  systemRef: string;
  environment: string;
  title: string;
  url?: string;
  openedAt: string;
  /** Absent while the incident is open. */
  resolvedAt?: string;
  /** The deployment it is attributed to; absent when none is (or none was found). */
  deploymentId?: string;
  /** The release of that deployment, or the release the reporter named. */
  releaseId?: string;
  attribution: IncidentAttribution;
  /** The deployment that fixed it (DORA rework): named by the deployment report or set here. */
  fixedByDeploymentId?: string;
  reportedBy: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * What a webhook call did.
 * @public
 */
export interface IncidentWebhookResult {
  outcome: 'created' | 'updated' | 'unchanged' | 'ignored';
  incident?: Incident;
  /** Why an event was ignored. */
  reason?: string;
}
