import { Incident } from '@release-orchestration/plugin-release-orchestration-common';
import { IncidentChanges } from '../../database/incidentStoreTypes';

/** The fields in which a repeated report differs from the stored incident. */
export function differingFields(
  stored: Incident,
  report: {
    system: string;
    environment: string;
    title: string;
    url?: string;
    openedAt: string;
    resolvedAt?: string;
    deploymentId?: string | null;
    releaseId?: string | null;
  },
): string[] {
  const fields: string[] = [];
  const compare = (name: string, a: unknown, b: unknown) => {
    if ((a ?? null) !== (b ?? null)) {
      fields.push(name);
    }
  };
  compare('system', report.system, stored.systemRef);
  compare('environment', report.environment, stored.environment);
  compare('title', report.title, stored.title);
  compare('url', report.url, stored.url);
  compare('openedAt', report.openedAt, stored.openedAt);
  compare('resolvedAt', report.resolvedAt, stored.resolvedAt);
  if (report.deploymentId !== undefined) {
    compare('deploymentId', report.deploymentId, stored.deploymentId);
  }
  if (report.releaseId !== undefined) {
    compare('releaseId', report.releaseId, stored.releaseId);
  }
  return fields;
}

/** One line listing what changed, for the audit trail. */
export function describeIncidentChanges(changes: IncidentChanges): string {
  const parts: string[] = [];
  if (changes.title !== undefined) parts.push('title changed');
  if (changes.url !== undefined)
    parts.push(changes.url ? 'link changed' : 'link removed');
  if (changes.openedAt !== undefined)
    parts.push(`opened at ${changes.openedAt}`);
  if (changes.resolvedAt !== undefined)
    parts.push(
      changes.resolvedAt ? `resolved at ${changes.resolvedAt}` : 'reopened',
    );
  if (changes.deploymentId === null) {
    parts.push('no longer attributed to a deployment');
  } else if (changes.deploymentId) {
    parts.push(`attributed to deployment ${changes.deploymentId}`);
  } else if (changes.attribution) {
    parts.push(`attribution now ${changes.attribution}`);
  }
  if (changes.releaseId !== undefined && changes.deploymentId === undefined) {
    parts.push(
      changes.releaseId ? `release ${changes.releaseId}` : 'no release',
    );
  }
  if (changes.fixedByDeploymentId !== undefined) {
    parts.push(
      changes.fixedByDeploymentId
        ? `fixed by deployment ${changes.fixedByDeploymentId}`
        : 'no fixing deployment',
    );
  }
  return parts.join('; ');
}
