import {
  Evidence,
  EvidenceSummary,
} from '@release-orchestration/plugin-release-orchestration-common';

/**
 * The newest evidence of each type that applies to `environment`: records without an
 * environment and records for that environment. Evidence for other environments is ignored.
 *
 * @param evidence - the release's evidence, newest first
 */
export function newestApplicableEvidence(
  evidence: Evidence[],
  environment: string,
): Map<string, Evidence> {
  const newest = new Map<string, Evidence>();
  for (const item of evidence) {
    if (
      (item.environment === undefined || item.environment === environment) &&
      !newest.has(item.type)
    ) {
      newest.set(item.type, item);
    }
  }
  return newest;
}

/** Whether a principal is a service (a CI token, `service:<subject>`), not a signed-in user. */
export function isServicePrincipal(actor: string): boolean {
  return actor.startsWith('service:');
}

/**
 * The evidence that may satisfy a lane's requirements: all of it, or with `evidenceFrom:
 * service` only what service principals attached.
 */
export function acceptedEvidence(
  evidence: Evidence[],
  evidenceFrom: 'service' | undefined,
): Evidence[] {
  return evidenceFrom === 'service'
    ? evidence.filter(e => isServicePrincipal(e.createdBy))
    : evidence;
}

/**
 * Counts a release's evidence by status and names the required types whose newest applicable
 * (and, with `evidenceFrom: service`, CI-attached) record is not a `pass`.
 *
 * @param evidence - the release's evidence, newest first
 */
export function summarizeEvidence(
  evidence: Evidence[],
  environment: string,
  requiredEvidence: string[],
  evidenceFrom?: 'service',
): EvidenceSummary {
  const counts = { pass: 0, fail: 0, warn: 0 };
  for (const item of evidence) {
    counts[item.status] += 1;
  }
  const newest = newestApplicableEvidence(
    acceptedEvidence(evidence, evidenceFrom),
    environment,
  );
  return {
    counts,
    missingRequired: requiredEvidence.filter(
      type => newest.get(type)?.status !== 'pass',
    ),
  };
}
