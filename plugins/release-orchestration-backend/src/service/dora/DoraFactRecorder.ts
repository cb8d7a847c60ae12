import {
  AuditEvent,
  Deployment,
  Incident,
} from '@release-orchestration/plugin-release-orchestration-common';
import { LeadTimeFact } from '../../database/doraStoreTypes';
import { Stores } from '../../database/types';
import {
  DeploymentObserver,
  DeploymentReportContext,
  RecordedDeployment,
} from '../DeploymentService';
import { linkIncidentFixes } from './linkIncidentFixes';

/**
 * Keeps the DORA roll-ups in step with production deployments. {@link DoraFactRecorder.record}
 * runs inside the transaction that finished (or first reported) a deployment; it is idempotent,
 * so the periodic catch-up can call it again for anything the request path did not record.
 */
export class DoraFactRecorder implements DeploymentObserver {
  /** The production lanes (every lane of the set counts). */
  readonly productionEnvironments: string[];
  /** The first production lane. */
  readonly productionEnvironment: string;

  constructor(production: string | string[]) {
    this.productionEnvironments = [production].flat();
    this.productionEnvironment = this.productionEnvironments[0];
  }

  async onDeploymentRecorded(
    tx: Stores,
    deployment: Deployment,
    actor: string,
    now: string,
    report?: DeploymentReportContext,
  ) {
    const events = await linkIncidentFixes(
      tx,
      deployment,
      report?.fixesIncidents ?? [],
      actor,
      now,
    );
    return [...events, ...(await this.record(tx, deployment, actor, now))];
  }

  /**
   * For a history import: puts the finished production deployments on the backlog of the DORA
   * catch-up ({@link DoraCatchUp}), which records them later, oldest first, as late reports are
   * recorded. Deployments that fix incidents are recorded at once (their link is in the report,
   * not in the stored deployment).
   */
  async onDeploymentsDeferred(
    tx: Stores,
    changes: RecordedDeployment[],
    actor: string,
  ): Promise<AuditEvent[]> {
    if (changes.some(c => c.report?.fixesIncidents?.length)) {
      return this.onDeploymentsRecorded(tx, changes, actor);
    }
    const production = changes.filter(
      ({ deployment }) =>
        this.productionEnvironments.includes(deployment.environment) &&
        deployment.status !== 'started',
    );
    if (production.length > 0) {
      await tx.doraDeferred.defer(
        production.map(({ deployment }) => ({
          deploymentId: deployment.id,
          systemRef: deployment.systemRef,
          deployedAt: deployment.finishedAt ?? deployment.startedAt,
        })),
        production[0].now,
      );
    }
    return [];
  }

  /**
   * {@link DoraFactRecorder.onDeploymentsRecorded} for deployments recorded together, with the
   * same result as one at a time in their order. The roll-ups of different Systems (and
   * components) do not read each other, so the deployments are taken in waves of at most one per
   * System and component, in order, and each wave's steps run over all of it at once.
   */
  async onDeploymentsRecorded(
    tx: Stores,
    changes: RecordedDeployment[],
    actor: string,
  ): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    for (const { deployment, now, report } of changes) {
      if (report?.fixesIncidents?.length) {
        events.push(
          ...(await linkIncidentFixes(
            tx,
            deployment,
            report.fixesIncidents,
            actor,
            now,
          )),
        );
      }
    }
    let remaining = changes.filter(
      ({ deployment }) =>
        this.productionEnvironments.includes(deployment.environment) &&
        deployment.status !== 'started',
    );
    const shared = await this.independentSystems(tx, remaining);
    while (remaining.length > 0) {
      const wave: RecordedDeployment[] = [];
      const later: RecordedDeployment[] = [];
      const taken = new Set<string>();
      for (const change of remaining) {
        const keys = [
          ...(shared.has(change.deployment.systemRef)
            ? []
            : [`system ${change.deployment.systemRef}`]),
          ...change.deployment.components.map(
            c => `component ${c.componentRef}`,
          ),
        ];
        (keys.some(key => taken.has(key)) ? later : wave).push(change);
        for (const key of keys) {
          taken.add(key);
        }
      }
      events.push(...(await this.recordWave(tx, wave, actor)));
      remaining = later;
    }
    return events;
  }

  /**
   * The Systems whose deployments among these need not wait for each other: several, all
   * succeeded and none a rollback, with no failure without incidents before the latest of them
   * (which a success could restore) and no incident opened since the earliest (which a success
   * could take over). Such deployments only add their own facts and lead times (of distinct
   * components, which the waves still keep apart), so one wave records them as one at a time would.
   */
  private async independentSystems(
    tx: Stores,
    changes: RecordedDeployment[],
  ): Promise<Set<string>> {
    const bySystem = new Map<string, Deployment[]>();
    for (const { deployment } of changes) {
      const list = bySystem.get(deployment.systemRef) ?? [];
      list.push(deployment);
      bySystem.set(deployment.systemRef, list);
    }
    const candidates = [...bySystem].filter(
      ([, deployments]) =>
        deployments.length > 1 &&
        deployments.every(d => d.status === 'succeeded' && !d.rollback),
    );
    if (candidates.length === 0) {
      return new Set();
    }
    const at = (d: Deployment) => d.finishedAt ?? d.startedAt;
    const span = candidates.map(([systemRef, deployments]) => {
      const times = deployments.map(d => Date.parse(at(d)));
      return {
        systemRef,
        environments: [...new Set(deployments.map(d => d.environment))],
        earliest: new Date(Math.min(...times)).toISOString(),
        latest: new Date(Math.max(...times)).toISOString(),
      };
    });
    await tx.doraFacts.lockSystems(span.map(s => s.systemRef));
    const failing = await tx.doraFacts.systemsWithFailuresBefore(
      span.map(s => ({ systemRef: s.systemRef, at: s.latest })),
    );
    const lanes = span.flatMap(s =>
      s.environments.map(environment => ({
        systemRef: s.systemRef,
        environment,
        since: s.earliest,
      })),
    );
    const opened = await tx.incidents.listOpenedSinceMany(lanes);
    const withIncidents = new Set(
      lanes.filter((_, i) => opened[i].length > 0).map(l => l.systemRef),
    );
    return new Set(
      span
        .map(s => s.systemRef)
        .filter(
          systemRef => !failing.has(systemRef) && !withIncidents.has(systemRef),
        ),
    );
  }

  /**
   * The steps of {@link DoraFactRecorder.record}, each over deployments of distinct Systems, or of
   * one System whose deployments do not wait for each other (see independentSystems).
   */
  private async recordWave(
    tx: Stores,
    wave: RecordedDeployment[],
    actor: string,
  ): Promise<AuditEvent[]> {
    // The wave's Systems are distinct, so no step below reads what another deployment of the
    // wave changes: each step runs as one statement (or a few) for the whole wave.
    await tx.doraFacts.lockSystems(wave.map(c => c.deployment.systemRef));
    const inserted = await tx.doraFacts.insertDeploymentFacts(
      wave.map(({ deployment }) => ({
        deploymentId: deployment.id,
        systemRef: deployment.systemRef,
        releaseId: deployment.releaseId,
        deployedAt: deployment.finishedAt ?? deployment.startedAt,
        succeeded: deployment.status === 'succeeded',
        rollback: deployment.rollback,
        hotfix: deployment.hotfix,
      })),
    );
    const recorded = wave.filter(c => inserted.has(c.deployment.id));
    const succeeded = recorded.filter(c => c.deployment.status === 'succeeded');
    const leadTimes: LeadTimeFact[] = [];
    const firstDeployed = await tx.doraFacts.commitsFirstDeployedMany(
      succeeded.map(({ deployment }) => ({
        key: deployment.id,
        components: deployment.components,
        deployedAt: deployment.finishedAt ?? deployment.startedAt,
      })),
    );
    for (const { deployment } of succeeded) {
      const deployedAt = deployment.finishedAt ?? deployment.startedAt;
      const commits = firstDeployed.get(deployment.id) ?? [];
      leadTimes.push(
        ...commits.map(commit => ({
          ...commit,
          systemRef: deployment.systemRef,
          deploymentId: deployment.id,
          deployedAt,
        })),
      );
    }
    if (leadTimes.length > 0) {
      await tx.doraFacts.saveLeadTimes(leadTimes);
    }
    const events: AuditEvent[] = [];
    const touched = recorded.map(c => c.deployment.id);
    const unrestored = await tx.doraFacts.unrestoredFailuresBeforeMany(
      succeeded.map(({ deployment }) => ({
        systemRef: deployment.systemRef,
        at: deployment.finishedAt ?? deployment.startedAt,
      })),
    );
    const candidates = await tx.incidents.listOpenedSinceMany(
      succeeded.map(({ deployment }) => ({
        systemRef: deployment.systemRef,
        environment: deployment.environment,
        since: deployment.finishedAt ?? deployment.startedAt,
      })),
      { movableOnly: true },
    );
    for (const [i, { deployment, now }] of succeeded.entries()) {
      touched.push(
        ...(await this.afterSuccess(
          tx,
          deployment,
          actor,
          now,
          events,
          unrestored.get(deployment.systemRef),
          candidates[i],
        )),
      );
    }
    if (recorded.length > 0) {
      await tx.doraFacts.refreshFailures(touched);
      await tx.doraFacts.refreshRestores(recorded.map(c => c.deployment.id));
      await tx.doraFacts.refreshCommitData(recorded.map(c => c.deployment.id));
    }
    return events;
  }

  /**
   * What a success changes beyond its own fact: the deployment a rollback replaces, the failures
   * it restores, the incidents that move to it. Returns the deployments whose failure to refresh.
   */
  private async afterSuccess(
    tx: Stores,
    deployment: Deployment,
    actor: string,
    now: string,
    events: AuditEvent[],
    /** The System's unrestored failures before it, when already read. */
    unrestored?: string[],
    /** The incidents opened since it, when already read. */
    candidates?: Array<Incident & { deploymentFinishedAt?: string }>,
  ): Promise<string[]> {
    const deployedAt = deployment.finishedAt ?? deployment.startedAt;
    const touched: string[] = [];
    if (deployment.rollback) {
      // The deployment a rollback replaces is the System's newest one before it.
      const replaced = await tx.doraFacts.latestFactBefore(
        deployment.systemRef,
        deployedAt,
        deployment.id,
      );
      if (replaced && !replaced.rolledBackBy) {
        await tx.doraFacts.markRolledBack(replaced.deploymentId, deployment.id);
        touched.push(replaced.deploymentId);
      }
    }
    touched.push(
      ...(unrestored ??
        (await tx.doraFacts.unrestoredFailuresBefore(
          deployment.systemRef,
          deployedAt,
        ))),
    );
    const moved = await this.reattributeIncidents(
      tx,
      deployment,
      deployedAt,
      actor,
      now,
      candidates,
    );
    touched.push(...moved.touched);
    events.push(...moved.events);
    return touched;
  }

  /** Records a finished production deployment; returns the audit events of incidents it re-attributed. */
  async record(
    tx: Stores,
    deployment: Deployment,
    actor: string,
    now: string,
  ): Promise<AuditEvent[]> {
    if (
      !this.productionEnvironments.includes(deployment.environment) ||
      deployment.status === 'started'
    ) {
      return [];
    }
    await tx.doraFacts.lockSystem(deployment.systemRef);
    const deployedAt = deployment.finishedAt ?? deployment.startedAt;
    const succeeded = deployment.status === 'succeeded';
    const inserted = await tx.doraFacts.insertDeploymentFact({
      deploymentId: deployment.id,
      systemRef: deployment.systemRef,
      releaseId: deployment.releaseId,
      deployedAt,
      succeeded,
      rollback: deployment.rollback,
      hotfix: deployment.hotfix,
    });
    if (!inserted) {
      return [];
    }
    const events: AuditEvent[] = [];
    // The failures whose sample this deployment can change: its own, the one a rollback replaces,
    // the failures without incidents it restores, and those whose incidents move to it.
    const touched = [deployment.id];
    if (succeeded) {
      await this.recordLeadTimes(tx, deployment, deployedAt);
      touched.push(
        ...(await this.afterSuccess(tx, deployment, actor, now, events)),
      );
    }
    await tx.doraFacts.refreshFailures(touched);
    // Incidents may have named it as their fix before it finished. Whether CI reported its builds
    // (commit data) was set with the fact: nothing above changes it.
    await tx.doraFacts.refreshRestores([deployment.id]);
    return events;
  }

  /**
   * A deployment of component C at version w contains every commit of C's builds up to and
   * including w's build (by build time); each commit's lead time ends at its first such deployment.
   */
  private async recordLeadTimes(
    tx: Stores,
    deployment: Deployment,
    deployedAt: string,
  ) {
    const commits = await tx.doraFacts.commitsFirstDeployed(
      deployment.components,
      deployedAt,
    );
    const facts: LeadTimeFact[] = commits.map(commit => ({
      ...commit,
      systemRef: deployment.systemRef,
      deploymentId: deployment.id,
      deployedAt,
    }));
    await tx.doraFacts.saveLeadTimes(facts);
  }

  /**
   * Incidents opened after this deployment that point at an older one (or none) belong to it when
   * they are attributed automatically, or when they name its release but no deployment.
   */
  private async reattributeIncidents(
    tx: Stores,
    deployment: Deployment,
    deployedAt: string,
    actor: string,
    now: string,
    /** The incidents opened since the deployment, when already read. */
    opened?: Array<Incident & { deploymentFinishedAt?: string }>,
  ): Promise<{ events: AuditEvent[]; touched: string[] }> {
    const events: AuditEvent[] = [];
    const touched: string[] = [];
    const candidates =
      opened ??
      (await tx.incidents.listOpenedSince({
        systemRef: deployment.systemRef,
        environment: deployment.environment,
        since: deployedAt,
      }));
    for (const incident of candidates) {
      const automatic =
        incident.attribution === 'automatic' &&
        (!incident.deploymentId ||
          (incident.deploymentFinishedAt !== undefined &&
            incident.deploymentFinishedAt < deployedAt));
      const byRelease =
        incident.attribution === 'explicit' &&
        !incident.deploymentId &&
        incident.releaseId !== undefined &&
        incident.releaseId === deployment.releaseId;
      if (!automatic && !byRelease) {
        continue;
      }
      if (incident.deploymentId) {
        touched.push(incident.deploymentId);
      }
      await tx.incidents.update(incident.id, {
        deploymentId: deployment.id,
        ...(automatic ? { releaseId: deployment.releaseId ?? null } : {}),
        updatedAt: now,
      });
      events.push(
        await tx.audit.append({
          actor,
          action: 'incident.attributed',
          entityRef: incident.systemRef,
          subjectType: 'incident',
          subjectId: incident.id,
          summary: `Incident ${incident.externalId} attributed ${
            incident.attribution === 'automatic' ? 'automatically ' : ''
          }to deployment ${deployment.id}, reported after it opened`,
          data: {
            deploymentId: deployment.id,
            previousDeploymentId: incident.deploymentId ?? null,
          },
          createdAt: now,
        }),
      );
    }
    return { events, touched };
  }
}
