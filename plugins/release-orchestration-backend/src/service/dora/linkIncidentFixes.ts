import { InputError } from '@backstage/errors';
import {
  AuditEvent,
  Deployment,
} from '@release-orchestration/plugin-release-orchestration-common';
import { Stores } from '../../database/types';

/**
 * Records that a deployment fixes incidents (`fixesIncidents` on its report): each incident of its
 * System and lane, named by id or external id, gets `fixedByDeploymentId`, which makes the
 * deployment rework (DORA deployment rework rate). Runs in the deployment's transaction; an
 * unknown or ambiguous incident refuses the whole report.
 */
export async function linkIncidentFixes(
  tx: Stores,
  deployment: Deployment,
  refs: string[],
  actor: string,
  now: string,
): Promise<AuditEvent[]> {
  if (refs.length === 0) {
    return [];
  }
  await tx.doraFacts.lockSystem(deployment.systemRef);
  const events: AuditEvent[] = [];
  const previousFixers: string[] = [];
  for (const [index, ref] of refs.entries()) {
    const found = await tx.incidents.findForFix(
      deployment.systemRef,
      deployment.environment,
      ref,
    );
    if (found.length !== 1) {
      throw new InputError(
        `fixesIncidents[${index}]: ${
          found.length === 0 ? 'no' : 'more than one'
        } incident '${ref}' of ${deployment.systemRef} in ${
          deployment.environment
        }; name an incident id or an external id`,
      );
    }
    const [incident] = found;
    if (incident.fixedByDeploymentId === deployment.id) {
      continue;
    }
    if (incident.fixedByDeploymentId) {
      previousFixers.push(incident.fixedByDeploymentId);
    }
    await tx.incidents.update(incident.id, {
      fixedByDeploymentId: deployment.id,
      updatedAt: now,
    });
    events.push(
      await tx.audit.append({
        actor,
        action: 'incident.updated',
        entityRef: incident.systemRef,
        subjectType: 'incident',
        subjectId: incident.id,
        summary: `Incident ${incident.externalId} (${incident.source}): fixed by deployment ${deployment.id}`,
        data: { changes: { fixedByDeploymentId: deployment.id } },
        createdAt: now,
      }),
    );
  }
  await tx.doraFacts.refreshRestores([deployment.id, ...previousFixers]);
  return events;
}
