import { newId } from '../database/newId';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  AuditEvent,
  DeployedComponent,
  Deployment,
  DeploymentStatus,
  Page,
  reportDeploymentRequestSchema,
} from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import { NewAuditEvent, Stores } from '../database/types';
import { NewDeployment } from '../database/deploymentStoreTypes';
import { CatalogGateway } from './CatalogGateway';
import { EventPublisher } from './EventPublisher';
import { decodeCursor, toPage } from './pagination';
import { describeDeployment, describeMismatch } from './describeDeployment';
import type { IngestBinding } from './ingest/IngestBinding';

/** A validated `POST /deployments` body. */
export type ReportDeploymentInput = z.output<
  typeof reportDeploymentRequestSchema
>;

/**
 * Moves a promotion as the deployment that carries it out progresses (the promotion service).
 * Called inside the deployment's transaction; returns the audit events it appended, if any.
 */
export interface PromotionOutcomeRecorder {
  recordDeploymentOutcome(
    stores: Stores,
    promotionId: string,
    outcome: DeploymentStatus,
    actor: string,
  ): Promise<AuditEvent[]>;
}

/**
 * Derives data from a deployment inside the transaction that created or finished it (the DORA
 * roll-ups); returns the audit events it appended, if any.
 */
export interface DeploymentObserver {
  onDeploymentRecorded(
    tx: Stores,
    deployment: Deployment,
    actor: string,
    now: string,
    report?: DeploymentReportContext,
  ): Promise<AuditEvent[]>;
  /**
   * The same for several deployments recorded together, in order (the bulk path); an observer
   * without it is called once per deployment.
   */
  onDeploymentsRecorded?(
    tx: Stores,
    changes: RecordedDeployment[],
    actor: string,
  ): Promise<AuditEvent[]>;
  /**
   * Instead of {@link DeploymentObserver.onDeploymentsRecorded}, when the reporter asked for it
   * (a history import): leaves the work for later (e.g. the DORA catch-up). An observer without it
   * observes at once.
   */
  onDeploymentsDeferred?(
    tx: Stores,
    changes: RecordedDeployment[],
    actor: string,
  ): Promise<AuditEvent[]>;
}

/** A deployment created or finished, when, and what its report said beyond it. */
export interface RecordedDeployment {
  deployment: Deployment;
  now: string;
  report?: DeploymentReportContext;
}

/** What the report said beyond the stored deployment: the incidents it fixes (DORA rework). */
export interface DeploymentReportContext {
  fixesIncidents?: string[];
}

/** What reporting did: a new deployment, a started one finished, or nothing (a repeat). */
export type DeploymentReportOutcome = 'created' | 'finished' | 'unchanged';

/** What a report resolves to before it is compared with a stored deployment. */
interface ResolvedTarget {
  systemRef: string;
  releaseId?: string;
  releaseVersion?: string;
  rollback: boolean;
  components: DeployedComponent[];
}

const MAX_FINISH_ATTEMPTS = 3;

function deploymentEvent(
  deployment: Deployment,
  actor: string,
  now: string,
): NewAuditEvent {
  return {
    actor,
    action: `deployment.${deployment.status}`,
    entityRef: deployment.systemRef,
    subjectType: 'deployment',
    subjectId: deployment.id,
    summary: describeDeployment(deployment),
    data: {
      idempotencyKey: deployment.idempotencyKey,
      environment: deployment.environment,
      releaseId: deployment.releaseId,
      promotionId: deployment.promotionId,
      components: deployment.components,
      rollback: deployment.rollback,
      hotfix: deployment.hotfix,
      startedAt: deployment.startedAt,
      finishedAt: deployment.finishedAt,
      deployer: deployment.deployer,
    },
    createdAt: now,
  };
}

/**
 * Rules for deployments: configured lanes only, idempotency per client key, the one-way
 * `started -> succeeded | failed` transition, and the promotion the deployment carries out.
 */
export class DeploymentService {
  constructor(
    private readonly stores: Stores,
    private readonly catalog: CatalogGateway,
    private readonly environments: string[],
    private readonly promotions: PromotionOutcomeRecorder,
    private readonly events: EventPublisher,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private readonly observers: DeploymentObserver[] = [];

  /**
   * The same rules (and observers) over other stores, catalog and publisher: the ingest service
   * binds it to one transaction of a batch, a memoizing catalog, and a publisher that waits for
   * the commit.
   */
  bind(deps: IngestBinding): DeploymentService {
    const bound = new DeploymentService(
      deps.stores,
      deps.catalog ?? this.catalog,
      this.environments,
      this.promotions,
      deps.events,
      this.now,
    );
    bound.observers.push(...this.observers);
    return bound;
  }

  /** Adds a hook that runs inside the transaction of every created or finished deployment. */
  observe(observer: DeploymentObserver) {
    this.observers.push(observer);
  }

  /**
   * Records a deployment. The same key with the same payload returns the stored deployment
   * (`unchanged`); with a later status it finishes a started deployment once (`finished`); with
   * another payload, or another outcome than the stored one, it is a conflict.
   */
  async report(
    input: ReportDeploymentInput,
    actor: string,
    options: {
      /** Called with the System the report resolves to, before anything is written; throws to refuse. */
      authorize?: (systemRef: string) => Promise<unknown>;
      /** How it came in (`api`, `import`, `cdevents`, a source module id); `api` when absent. */
      source?: string;
    } = {},
  ): Promise<{ deployment: Deployment; outcome: DeploymentReportOutcome }> {
    if (!this.environments.includes(input.environment)) {
      throw new InputError(
        `environment: '${
          input.environment
        }' is not a configured environment; the lanes are ${this.environments.join(
          ', ',
        )}`,
      );
    }
    const target = await this.resolveTarget(input);
    await options.authorize?.(target.systemRef);
    const result = await this.stores.transaction(async tx => {
      const now = this.now().toISOString();
      const startedAt = input.startedAt ?? input.finishedAt ?? now;
      const finishedAt =
        input.status === 'started' ? undefined : input.finishedAt ?? now;
      if (finishedAt && finishedAt < startedAt) {
        throw new InputError(
          `finishedAt: must not be before startedAt (${startedAt})`,
        );
      }
      const { deployment: stored, inserted } =
        await tx.deployments.insertIfAbsent({
          id: newId(),
          idempotencyKey: input.idempotencyKey,
          systemRef: target.systemRef,
          environment: input.environment,
          releaseId: target.releaseId,
          releaseVersion: target.releaseVersion,
          promotionId: input.promotionId,
          status: input.status,
          rollback: target.rollback,
          hotfix: input.hotfix,
          startedAt,
          finishedAt,
          deployer: actor,
          deployerClaim: input.deployer,
          createdAt: now,
          components: target.components,
          source: options.source,
        });
      if (inserted) {
        const events = await this.recordChange(tx, stored, actor, now, {
          fixesIncidents: input.fixesIncidents,
        });
        return { deployment: stored, outcome: 'created' as const, events };
      }
      return this.applyRepeat(tx, stored, input, target, actor);
    });
    await this.events.publish(result.events);
    return { deployment: result.deployment, outcome: result.outcome };
  }

  /**
   * {@link DeploymentService.report} for many deployments with the same rules, answers and audit
   * events, in one transaction (the caller's, when bound to one): the new ones are inserted with
   * a few multi-row statements, then each report's audit event, observers and repeat handling run
   * in order. Observers of an earlier report therefore see the rows of later ones: callers pass
   * reports whose observers do not read each other (see IngestService). Throws what the first
   * refused report would; nothing is written then.
   */
  async reportMany(
    inputs: ReportDeploymentInput[],
    actor: string,
    options: {
      authorize?: (systemRef: string) => Promise<unknown>;
      source?: string;
      /**
       * New deployments go to the observers' `onDeploymentsDeferred` where they have one (a history
       * import: the DORA roll-ups are recorded by the catch-up); repeats that finish a deployment
       * are observed at once as always.
       */
      deferObservers?: boolean;
    } = {},
  ): Promise<
    Array<{ deployment: Deployment; outcome: DeploymentReportOutcome }>
  > {
    const targets: ResolvedTarget[] = [];
    const rows: NewDeployment[] = [];
    const authorized = new Set<string>();
    for (const input of inputs) {
      if (!this.environments.includes(input.environment)) {
        throw new InputError(
          `environment: '${
            input.environment
          }' is not a configured environment; the lanes are ${this.environments.join(
            ', ',
          )}`,
        );
      }
      const target = await this.resolveTarget(input);
      if (options.authorize && !authorized.has(target.systemRef)) {
        await options.authorize(target.systemRef);
        authorized.add(target.systemRef);
      }
      const now = this.now().toISOString();
      const startedAt = input.startedAt ?? input.finishedAt ?? now;
      const finishedAt =
        input.status === 'started' ? undefined : input.finishedAt ?? now;
      if (finishedAt && finishedAt < startedAt) {
        throw new InputError(
          `finishedAt: must not be before startedAt (${startedAt})`,
        );
      }
      targets.push(target);
      rows.push({
        id: newId(),
        idempotencyKey: input.idempotencyKey,
        systemRef: target.systemRef,
        environment: input.environment,
        releaseId: target.releaseId,
        releaseVersion: target.releaseVersion,
        promotionId: input.promotionId,
        status: input.status,
        rollback: target.rollback,
        hotfix: input.hotfix,
        startedAt,
        finishedAt,
        deployer: actor,
        deployerClaim: input.deployer,
        createdAt: now,
        components: target.components,
        source: options.source,
      });
    }
    const result = await this.stores.transaction(async tx => {
      const stored = await tx.deployments.insertManyIfAbsent(rows);
      const events: AuditEvent[] = [];
      const answers: Array<{
        deployment: Deployment;
        outcome: DeploymentReportOutcome;
      }> = [];
      const seen = new Set<string>();
      // Consecutive new deployments are observed together (the DORA roll-ups in a few statements).
      let created: RecordedDeployment[] = [];
      const observeCreated = async () => {
        events.push(
          ...(await this.observeMany(
            tx,
            created,
            actor,
            options.deferObservers,
          )),
        );
        created = [];
      };
      for (const [i, { deployment, inserted }] of stored.entries()) {
        const input = inputs[i];
        if (inserted && !deployment.promotionId) {
          seen.add(input.idempotencyKey);
          const now = rows[i].createdAt;
          events.push(
            await tx.audit.append(deploymentEvent(deployment, actor, now)),
          );
          created.push({
            deployment,
            now,
            report: { fixesIncidents: input.fixesIncidents },
          });
          answers.push({ deployment, outcome: 'created' });
          continue;
        }
        await observeCreated();
        if (inserted) {
          seen.add(input.idempotencyKey);
          events.push(
            ...(await this.recordChange(
              tx,
              deployment,
              actor,
              rows[i].createdAt,
              {
                fixesIncidents: input.fixesIncidents,
              },
            )),
          );
          answers.push({ deployment, outcome: 'created' });
          continue;
        }
        // An earlier report of this list with the same key may have finished it since.
        const current = seen.has(input.idempotencyKey)
          ? (await tx.deployments.get(deployment.id)) ?? deployment
          : deployment;
        seen.add(input.idempotencyKey);
        const repeat = await this.applyRepeat(
          tx,
          current,
          input,
          targets[i],
          actor,
        );
        events.push(...repeat.events);
        answers.push({
          deployment: repeat.deployment,
          outcome: repeat.outcome,
        });
      }
      await observeCreated();
      return { answers, events };
    });
    await this.events.publish(result.events);
    return result.answers;
  }

  async get(id: string): Promise<Deployment> {
    const deployment = await this.stores.deployments.get(id);
    if (!deployment) {
      throw new NotFoundError(`No deployment with id ${id}`);
    }
    return deployment;
  }

  async list(options: {
    systemRef: string;
    environment?: string;
    limit: number;
    cursor?: string;
  }): Promise<Page<Deployment>> {
    const items = await this.stores.deployments.list({
      systemRef: options.systemRef,
      environment: options.environment,
      limit: options.limit + 1,
      cursor: decodeCursor(options.cursor),
    });
    return toPage(items, options.limit);
  }

  /** A report whose key was used before: a repeat, a finish, or a conflict. */
  private async applyRepeat(
    tx: Stores,
    first: Deployment,
    input: ReportDeploymentInput,
    target: ResolvedTarget,
    actor: string,
  ): Promise<{
    deployment: Deployment;
    outcome: DeploymentReportOutcome;
    events: AuditEvent[];
  }> {
    let stored = first;
    const mismatch = describeMismatch(stored, { ...input, ...target });
    if (mismatch) {
      throw new ConflictError(
        `idempotencyKey: '${input.idempotencyKey}' was already used for another deployment (${mismatch}); use a new key for a new deployment`,
      );
    }
    for (let attempt = 0; attempt < MAX_FINISH_ATTEMPTS; attempt++) {
      if (stored.status === input.status || input.status === 'started') {
        // A repeat, or a late "started" for a deployment that already finished.
        return { deployment: stored, outcome: 'unchanged', events: [] };
      }
      if (stored.status !== 'started') {
        throw new ConflictError(
          `status: deployment '${input.idempotencyKey}' already ${stored.status} at ${stored.finishedAt}; it cannot become ${input.status}`,
        );
      }
      const now = this.now().toISOString();
      const finishedAt = input.finishedAt ?? now;
      if (finishedAt < stored.startedAt) {
        throw new InputError(
          `finishedAt: must not be before the deployment started (${stored.startedAt})`,
        );
      }
      if (
        await tx.deployments.finish(stored.id, {
          status: input.status,
          finishedAt,
          updatedAt: now,
        })
      ) {
        const finished = (await tx.deployments.get(stored.id))!;
        const events = await this.recordChange(tx, finished, actor, now, {
          fixesIncidents: input.fixesIncidents,
        });
        return { deployment: finished, outcome: 'finished', events };
      }
      // Another replica finished it between our read and our update: decide again on its state.
      stored = (await tx.deployments.get(stored.id))!;
    }
    throw new ConflictError(
      `status: deployment '${input.idempotencyKey}' is being changed concurrently; retry`,
    );
  }

  /**
   * The audit event of a new or finished deployment, its observers (DORA roll-ups), and the
   * promotion it carries out. Lock order (see DatabaseAuditStore): the observers' per-System lock,
   * then the promotion's (audit head, promotion row); the audit events are chained at commit.
   */
  private async recordChange(
    tx: Stores,
    deployment: Deployment,
    actor: string,
    now: string,
    report?: DeploymentReportContext,
  ) {
    const events: AuditEvent[] = [];
    events.push(await tx.audit.append(deploymentEvent(deployment, actor, now)));
    for (const observer of this.observers) {
      events.push(
        ...(await observer.onDeploymentRecorded(
          tx,
          deployment,
          actor,
          now,
          report,
        )),
      );
    }
    if (deployment.promotionId) {
      events.push(
        ...(await this.promotions.recordDeploymentOutcome(
          tx,
          deployment.promotionId,
          deployment.status,
          actor,
        )),
      );
    }
    return events;
  }

  /** Runs the observers over deployments created together, in order. */
  private async observeMany(
    tx: Stores,
    changes: RecordedDeployment[],
    actor: string,
    defer = false,
  ) {
    const events: AuditEvent[] = [];
    if (changes.length === 0) {
      return events;
    }
    for (const observer of this.observers) {
      if (defer && observer.onDeploymentsDeferred) {
        events.push(
          ...(await observer.onDeploymentsDeferred(tx, changes, actor)),
        );
        continue;
      }
      if (observer.onDeploymentsRecorded) {
        events.push(
          ...(await observer.onDeploymentsRecorded(tx, changes, actor)),
        );
        continue;
      }
      for (const { deployment, now, report } of changes) {
        events.push(
          ...(await observer.onDeploymentRecorded(
            tx,
            deployment,
            actor,
            now,
            report,
          )),
        );
      }
    }
    return events;
  }

  /**
   * The System and component versions a report names: from its promotion's release, its release,
   * or the catalog.
   */
  private async resolveTarget(
    input: ReportDeploymentInput,
  ): Promise<ResolvedTarget> {
    let releaseId = input.releaseId;
    let rollback = input.rollback;
    if (input.promotionId) {
      const promotion = await this.stores.promotions.get(input.promotionId);
      if (!promotion) {
        throw new NotFoundError(
          `promotionId: no promotion with id ${input.promotionId}`,
        );
      }
      if (releaseId && releaseId !== promotion.releaseId) {
        throw new InputError(
          `releaseId: promotion ${promotion.id} promotes release ${promotion.releaseVersion} (${promotion.releaseId}), not ${releaseId}`,
        );
      }
      if (input.environment !== promotion.environment) {
        throw new InputError(
          `environment: promotion ${promotion.id} is into ${promotion.environment}, not ${input.environment}`,
        );
      }
      releaseId = promotion.releaseId;
      rollback = rollback || promotion.rollback;
    }
    if (releaseId) {
      // The release's System, version and manifest in one statement (this runs per report).
      const release = await this.stores.releases.getDeployable(releaseId);
      if (!release) {
        throw new NotFoundError(`releaseId: no release with id ${releaseId}`);
      }
      if (input.system && input.system !== release.systemRef) {
        throw new InputError(
          `system: release ${release.version} belongs to ${release.systemRef}, not ${input.system}`,
        );
      }
      const manifest = release.components;
      let lines = manifest;
      if (input.component) {
        const line = manifest.find(c => c.componentRef === input.component);
        if (!line) {
          throw new InputError(
            `component: ${input.component} is not in release ${release.version}`,
          );
        }
        if (input.version && input.version !== line.version) {
          throw new InputError(
            `version: release ${release.version} ships ${line.componentRef} at ${line.version}, not ${input.version}`,
          );
        }
        lines = [line];
      }
      return {
        systemRef: release.systemRef,
        releaseId: release.id,
        releaseVersion: release.version,
        rollback,
        components: lines.map(c => ({
          componentRef: c.componentRef,
          version: c.version,
        })),
      };
    }
    const componentRef = input.component!;
    const inCatalog = await this.catalog.getComponentSystem(componentRef);
    if (!inCatalog) {
      throw new InputError(
        `component: ${componentRef} is not in the catalog; register the Component before reporting its deployments`,
      );
    }
    if (
      inCatalog.systemRef &&
      input.system &&
      inCatalog.systemRef !== input.system
    ) {
      throw new InputError(
        `system: ${componentRef} is part of ${inCatalog.systemRef} in the catalog, not ${input.system}`,
      );
    }
    const systemRef = inCatalog.systemRef ?? input.system;
    if (!systemRef) {
      throw new InputError(
        `system: ${componentRef} is not part of any System in the catalog (spec.system); pass system`,
      );
    }
    if (
      !inCatalog.systemRef &&
      !(await this.catalog.getSystemComponents(systemRef))
    ) {
      throw new InputError(`system: ${systemRef} is not in the catalog`);
    }
    return {
      systemRef,
      rollback,
      components: [{ componentRef, version: input.version! }],
    };
  }
}
