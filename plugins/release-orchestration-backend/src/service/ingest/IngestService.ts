import { LoggerService } from '@backstage/backend-plugin-api';
import { ImportRecord } from '@release-orchestration/plugin-release-orchestration-common';
import { Stores } from '../../database/types';
import { BuildService } from '../BuildService';
import { CatalogGateway } from '../CatalogGateway';
import { DeploymentService } from '../DeploymentService';
import { EventPublisher } from '../EventPublisher';
import { IncidentService } from '../incidents/IncidentService';
import { HeldEventPublisher, IngestBinding } from './IngestBinding';
import { ingestRejection } from './ingestRejection';
import { MemoizedCatalogGateway } from './MemoizedCatalogGateway';
import { IngestFootprint, independentGroups } from './independentGroups';

/**
 * Records per transaction of a bulk ingest. Larger batches mean fewer statements and commits
 * (`npm run bench:import` on PostgreSQL, 10,000 records, load 15 on 2 cores: 7,600-7,900 records
 * per CPU-second at 1,000 against 6,400 at 200), but a batch holds the audit chain's head for its
 * transaction (single reports wait up to one batch) and a refused record replays its whole batch
 * one record at a time.
 */
export const INGEST_BATCH_SIZE = 1000;

/**
 * Fewest records a group of {@link IngestService.ingest} takes when an ingest is split over
 * transactions that run at once; smaller ingests are one group (one commit is cheaper).
 */
export const INGEST_MIN_PER_GROUP = 100;

/** Who sends records, through which source, and whether they may. */
export interface IngestContext {
  /** The authenticated principal, as recorded in the audit trail. */
  actor: string;
  /** How the records came in: `import`, `cdevents`, or a source module id such as `github`. */
  source: string;
  /** Throws (a NotAllowedError) when the caller may not report this kind of record for the System. */
  authorize?: (kind: ImportRecord['kind'], systemRef: string) => Promise<void>;
  /**
   * Leaves the DORA roll-ups of new plain deployments to the catch-up (a history import): the
   * records are stored and answered, and the roll-ups follow once the import pauses.
   */
  deferDora?: boolean;
}

/** What recording one record did. */
export type IngestSuccess = {
  kind: ImportRecord['kind'];
  outcome: 'created' | 'finished' | 'unchanged';
  id: string;
  /** The System of a deployment or incident. */
  systemRef?: string;
};

/** What became of one record of a batch. */
export type IngestResult =
  | IngestSuccess
  | {
      kind: ImportRecord['kind'];
      outcome: 'rejected';
      status: number;
      error: string;
    };

type BuildRecord = Extract<ImportRecord, { kind: 'build' }>;
type DeploymentRecord = Extract<ImportRecord, { kind: 'deployment' }>;
type IncidentRecord = Extract<ImportRecord, { kind: 'incident' }>;

/** A deployment of a component version, named without a release or promotion, fixing nothing. */
function isPlainDeployment(record: ImportRecord): record is DeploymentRecord {
  return (
    record.kind === 'deployment' &&
    record.report.component !== undefined &&
    !record.report.releaseId &&
    !record.report.promotionId &&
    !record.report.fixesIncidents?.length
  );
}

/** An incident that names no deployment or release: attributed by time, whatever came first. */
function isAutomaticIncident(record: ImportRecord): record is IncidentRecord {
  return (
    record.kind === 'incident' &&
    record.report.deploymentId === undefined &&
    record.report.releaseId === undefined
  );
}

/**
 * Unique keys a record inserts that a record of another System could repeat: a deployment's
 * idempotency key, an incident's source id, and the component of a build or deployment (whose
 * System the catalog may not know).
 */
function uniqueKeys(record: ImportRecord): string[] {
  switch (record.kind) {
    case 'build':
      return [`component\n${record.report.component}`];
    case 'deployment':
      return [
        `deployment\n${record.report.idempotencyKey}`,
        ...(record.report.component
          ? [`component\n${record.report.component}`]
          : []),
      ];
    default:
      return [`incident\n${record.report.source}\n${record.report.externalId}`];
  }
}

interface ReportServices {
  builds: BuildService;
  deployments: DeploymentService;
  incidents: IncidentService;
}

/**
 * The one way builds, deployments and incidents come in from the bulk import, CDEvents and the
 * source modules: each record goes through the service of its single report (its validation, its
 * idempotency rule, its audit event), tagged with its source. Many records are written in batches,
 * one transaction each, and within a batch builds and plain deployments with multi-row statements
 * (the services' `reportMany`), so a history import is fast; when a record of a batch is refused
 * the batch rolls back and its records are recorded one by one, so each gets its own answer.
 */
export class IngestService {
  constructor(
    private readonly deps: ReportServices & {
      stores: Stores;
      catalog: CatalogGateway;
      events: EventPublisher;
      logger: LoggerService;
      /**
       * Records what `deferDora` ingests left to it: told when each such ingest starts and
       * finishes writing, it starts once they pause.
       */
      doraCatchUp?: {
        importStarted(): void;
        importFinished(deferred: boolean): void;
      };
    },
    private readonly options: {
      /** Records per transaction. */
      batchSize?: number;
      /**
       * Transactions an ingest may run at once, over records of different Systems (PostgreSQL:
       * 2; SQLite has one writer: 1).
       */
      parallelism?: number;
    } = {},
  ) {}

  private get batchSize() {
    return this.options.batchSize ?? INGEST_BATCH_SIZE;
  }

  /** Records one record; throws what its single report would (400, 403, 404, 409). */
  async record(
    record: ImportRecord,
    context: IngestContext,
  ): Promise<IngestSuccess> {
    const systemRef = await this.knownSystem(record, this.deps.catalog);
    if (systemRef && context.authorize) {
      await context.authorize(record.kind, systemRef);
    }
    return this.apply(this.deps, record, context);
  }

  /**
   * Records many records, each System's in their order (records of different Systems may be
   * written by transactions that run at once: {@link independentGroups}); one result each, in
   * the same order as the records.
   */
  async ingest(
    records: ImportRecord[],
    context: IngestContext,
  ): Promise<IngestResult[]> {
    if (!context.deferDora || !this.deps.doraCatchUp) {
      return this.ingestRecords(records, context);
    }
    const catchUp = this.deps.doraCatchUp;
    catchUp.importStarted();
    try {
      return await this.ingestRecords(records, context);
    } finally {
      catchUp.importFinished(records.some(r => r.kind === 'deployment'));
    }
  }

  private async ingestRecords(
    records: ImportRecord[],
    context: IngestContext,
  ): Promise<IngestResult[]> {
    const catalog = new MemoizedCatalogGateway(this.deps.catalog);
    const results: IngestResult[] = new Array(records.length);
    const accepted: IngestFootprint[] = [];
    // What can be refused before writing is refused here, so that it does not roll a batch back.
    for (const [i, record] of records.entries()) {
      try {
        const systemRef = await this.knownSystem(record, catalog);
        if (systemRef && context.authorize) {
          await context.authorize(record.kind, systemRef);
        }
        accepted.push({
          index: i,
          system: systemRef,
          keys: uniqueKeys(record),
        });
      } catch (error) {
        results[i] = this.rejected(record, error);
      }
    }
    // Records of different Systems are independent: on PostgreSQL their transactions run at once,
    // so that one prepares its statements while the database works on the other's.
    const groups = independentGroups(
      accepted,
      this.options.parallelism ?? 1,
      INGEST_MIN_PER_GROUP,
    );
    // Every group runs to its end before the ingest answers or throws: none is left writing.
    const settled = await Promise.allSettled(
      groups.map(async group => {
        for (let start = 0; start < group.length; start += this.batchSize) {
          const batch = group.slice(start, start + this.batchSize);
          const batchResults = await this.applyBatch(
            batch.map(i => records[i]),
            catalog,
            context,
          );
          batch.forEach((recordIndex, j) => {
            results[recordIndex] = batchResults[j];
          });
        }
      }),
    );
    for (const outcome of settled) {
      if (outcome.status === 'rejected') {
        throw outcome.reason;
      }
    }
    return results;
  }

  private async applyBatch(
    records: ImportRecord[],
    catalog: CatalogGateway,
    context: IngestContext,
  ): Promise<IngestResult[]> {
    const held = new HeldEventPublisher([], this.deps.logger);
    try {
      const results = await this.deps.stores.transaction(async tx =>
        this.applyInRuns(
          this.bind({ stores: tx, catalog, events: held }),
          records,
          context,
        ),
      );
      await this.deps.events.publish(held.take());
      return results;
    } catch (error) {
      held.take();
      if (records.length === 1) {
        return [this.rejected(records[0], error)];
      }
      // A record was refused and the batch rolled back: record each alone for its own answer.
      const alone = this.bind({
        stores: this.deps.stores,
        catalog,
        events: this.deps.events,
      });
      const results: IngestResult[] = [];
      for (const record of records) {
        try {
          results.push(await this.apply(alone, record, context));
        } catch (recordError) {
          results.push(this.rejected(record, recordError));
        }
      }
      return results;
    }
  }

  /**
   * Applies a batch's records in order, as runs: consecutive builds and plain component
   * deployments are written together by the services' `reportMany` (a few multi-row statements,
   * builds before deployments); incidents attributed by time (naming no deployment or release)
   * join the run and are reported after its builds and deployments, together, in their order
   * (the incident service's `reportMany`: a few statements for the run's incidents); anything else
   * (deployments of a release or promotion, fixes, incidents naming their deployment or release)
   * is applied alone. A run ends before a record whose effect an earlier record of the run could see
   * out of order: a repeated build or deployment key, or a build of a component the run already
   * deployed (its lead times read the component's builds).
   *
   * An incident reported after deployments that followed it in the stream ends up where one at a
   * time would put it: it is attributed to the System's newest production deployment before it
   * opened, which is what those deployments' re-attribution would have moved it to (only the
   * `incident.attributed` audit event of that move is not written, as there is no move).
   */
  private async applyInRuns(
    services: ReportServices,
    records: ImportRecord[],
    context: IngestContext,
  ): Promise<IngestSuccess[]> {
    const { actor, source } = context;
    const results: IngestSuccess[] = new Array(records.length);
    let builds: Array<{ index: number; report: BuildRecord['report'] }> = [];
    let deployments: Array<{
      index: number;
      report: DeploymentRecord['report'];
    }> = [];
    let incidents: Array<{ index: number; report: IncidentRecord['report'] }> =
      [];
    const keys = new Set<string>();
    const deployed = new Set<string>();
    const flush = async () => {
      if (builds.length > 0) {
        const answers = await services.builds.reportMany(
          builds.map(b => b.report),
          actor,
          { source },
        );
        for (const [j, { build, created }] of answers.entries()) {
          results[builds[j].index] = {
            kind: 'build',
            outcome: created ? 'created' : 'unchanged',
            id: build.id,
          };
        }
      }
      if (deployments.length > 0) {
        const answers = await services.deployments.reportMany(
          deployments.map(d => d.report),
          actor,
          {
            source,
            authorize:
              context.authorize &&
              (systemRef => context.authorize!('deployment', systemRef)),
            deferObservers: context.deferDora,
          },
        );
        for (const [j, { deployment, outcome }] of answers.entries()) {
          results[deployments[j].index] = {
            kind: 'deployment',
            outcome,
            id: deployment.id,
            systemRef: deployment.systemRef,
          };
        }
      }
      if (incidents.length > 0) {
        const answers = await services.incidents.reportMany(
          incidents.map(i => i.report),
          actor,
        );
        for (const [j, { incident, created }] of answers.entries()) {
          results[incidents[j].index] = {
            kind: 'incident',
            outcome: created ? 'created' : 'unchanged',
            id: incident.id,
            systemRef: incident.systemRef,
          };
        }
      }
      builds = [];
      deployments = [];
      incidents = [];
      keys.clear();
      deployed.clear();
    };
    for (const [index, record] of records.entries()) {
      if (record.kind === 'build') {
        const key = JSON.stringify([
          'build',
          record.report.component,
          record.report.version,
        ]);
        if (keys.has(key) || deployed.has(record.report.component)) {
          await flush();
        }
        keys.add(key);
        builds.push({ index, report: record.report });
      } else if (isPlainDeployment(record)) {
        const key = JSON.stringify([
          'deployment',
          record.report.idempotencyKey,
        ]);
        if (keys.has(key)) {
          await flush();
        }
        keys.add(key);
        deployed.add(record.report.component!);
        deployments.push({ index, report: record.report });
      } else if (isAutomaticIncident(record)) {
        incidents.push({ index, report: record.report });
      } else {
        await flush();
        results[index] = await this.apply(services, record, context);
      }
    }
    await flush();
    return results;
  }

  private bind(binding: IngestBinding): ReportServices {
    return {
      builds: this.deps.builds.bind(binding),
      deployments: this.deps.deployments.bind(binding),
      incidents: this.deps.incidents.bind(binding),
    };
  }

  /** The System of a record when it is known without resolving a release or promotion. */
  private async knownSystem(
    record: ImportRecord,
    catalog: CatalogGateway,
  ): Promise<string | undefined> {
    switch (record.kind) {
      case 'build':
        return (
          (await catalog.getComponentSystem(record.report.component))
            ?.systemRef ?? record.report.component
        );
      case 'incident':
        return record.report.system;
      default:
        if (
          record.report.releaseId ||
          record.report.promotionId ||
          !record.report.component
        ) {
          return undefined;
        }
        return (
          (await catalog.getComponentSystem(record.report.component))
            ?.systemRef ?? record.report.system
        );
    }
  }

  private async apply(
    services: ReportServices,
    record: ImportRecord,
    context: IngestContext,
  ): Promise<IngestSuccess> {
    const { actor, source } = context;
    switch (record.kind) {
      case 'build': {
        const { build, created } = await services.builds.report(
          record.report,
          actor,
          { source },
        );
        return {
          kind: 'build',
          outcome: created ? 'created' : 'unchanged',
          id: build.id,
        };
      }
      case 'deployment': {
        const { deployment, outcome } = await services.deployments.report(
          record.report,
          actor,
          {
            source,
            authorize:
              context.authorize &&
              (systemRef => context.authorize!('deployment', systemRef)),
          },
        );
        return {
          kind: 'deployment',
          outcome,
          id: deployment.id,
          systemRef: deployment.systemRef,
        };
      }
      default: {
        const { incident, created } = await services.incidents.report(
          record.report,
          actor,
        );
        return {
          kind: 'incident',
          outcome: created ? 'created' : 'unchanged',
          id: incident.id,
          systemRef: incident.systemRef,
        };
      }
    }
  }

  private rejected(record: ImportRecord, error: unknown): IngestResult {
    const rejection = ingestRejection(error);
    if (!rejection) {
      throw error;
    }
    return { kind: record.kind, outcome: 'rejected', ...rejection };
  }
}
