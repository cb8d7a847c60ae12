import { newId } from '../../database/newId';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  AuditEvent,
  Incident,
  Page,
  reportIncidentRequestSchema,
  updateIncidentRequestSchema,
} from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import {
  externalKey,
  IncidentChanges,
  NewIncident,
} from '../../database/incidentStoreTypes';
import { Stores } from '../../database/types';
import { CatalogGateway } from '../CatalogGateway';
import { EventPublisher } from '../EventPublisher';
import { decodeCursor, toPage } from '../pagination';
import { attributeIncident } from './attributeIncident';
import { quarantineRelease } from '../QuarantineService';
import { describeIncidentChanges, differingFields } from './describeIncident';
import type { IngestBinding } from '../ingest/IngestBinding';

/** The deployment named as an incident's fix: of its System and lane, and finished. */
async function checkFixingDeployment(
  tx: Stores,
  incident: Incident,
  deploymentId: string,
) {
  const deployment = await tx.incidents.getDeployment(deploymentId);
  if (!deployment) {
    throw new NotFoundError(
      `fixedByDeploymentId: no deployment with id ${deploymentId}`,
    );
  }
  if (
    deployment.systemRef !== incident.systemRef ||
    deployment.environment !== incident.environment
  ) {
    throw new InputError(
      `fixedByDeploymentId: deployment ${deployment.id} is of ${deployment.systemRef} in ${deployment.environment}, not of ${incident.systemRef} in ${incident.environment}`,
    );
  }
}

/** A validated `POST /incidents` body. */
export type ReportIncidentInput = z.output<typeof reportIncidentRequestSchema>;
/** A validated `PATCH /incidents/{id}` body. */
export type UpdateIncidentInput = z.output<typeof updateIncidentRequestSchema>;

/** Options of {@link IncidentService}. */
export interface IncidentServiceOptions {
  /**
   * Quarantine a release when an incident in production is attributed to its deployment there
   * (`releaseOrchestration.quarantine.onProductionIncident`, default false).
   */
  quarantineOnProductionIncident?: boolean;
  /** Every production lane (`dora.productionEnvironment`); the constructor's lane when left out. */
  productionEnvironments?: string[];
}

/** Who quarantines a release automatically. */
const QUARANTINE_ACTOR = 'service:release-orchestration';

/** A report whose lane is decided (the System's production lane when it named none). */
type LaneReport = Omit<ReportIncidentInput, 'environment'> & {
  environment: string;
};

/** The stored row of a newly reported incident, without its attribution. */
function newIncidentRow(input: LaneReport, actor: string, createdAt: string) {
  return {
    id: newId(),
    source: input.source,
    externalId: input.externalId,
    systemRef: input.system,
    environment: input.environment,
    title: input.title,
    url: input.url,
    openedAt: input.openedAt,
    resolvedAt: input.resolvedAt,
    reportedBy: actor,
    createdAt,
  };
}

/** What {@link attributeIncident} reads of a report. */
function attributionQuery(input: LaneReport) {
  return {
    systemRef: input.system,
    environment: input.environment,
    openedAt: input.openedAt,
    deploymentId: input.deploymentId,
    releaseId: input.releaseId,
  };
}

/**
 * Rules for incidents: configured lanes and catalog Systems only, one incident per id in its
 * source, attribution to a deployment, and the DORA roll-ups kept in step in the same transaction.
 */
export class IncidentService {
  constructor(
    private readonly stores: Stores,
    private readonly catalog: CatalogGateway,
    private readonly environments: string[],
    readonly productionEnvironment: string,
    private readonly events: EventPublisher,
    private readonly now: () => Date = () => new Date(),
    private readonly options: IncidentServiceOptions = {},
  ) {}

  /**
   * The same rules over other stores, catalog and publisher: the ingest service binds it to one
   * transaction of a batch, a memoizing catalog, and a publisher that waits for the commit.
   */
  bind(deps: IngestBinding): IncidentService {
    return new IncidentService(
      deps.stores,
      deps.catalog ?? this.catalog,
      this.environments,
      this.productionEnvironment,
      deps.events,
      this.now,
      this.options,
    );
  }

  /**
   * Records an incident. The same source and external id with the same content returns the stored
   * one (`created: false`); with other content it is a conflict (change it with PATCH).
   */
  async report(
    input: ReportIncidentInput,
    actor: string,
  ): Promise<{ incident: Incident; created: boolean }> {
    const environment = await this.checkTarget(input.system, input.environment);
    const result = await this.stores.transaction(async tx => {
      await tx.doraFacts.lockSystem(input.system);
      const stored = await tx.incidents.getByExternalId(
        input.source,
        input.externalId,
      );
      if (stored) {
        const differs = differingFields(stored, { ...input, environment });
        if (differs.length > 0) {
          throw new ConflictError(
            `externalId: ${input.source} incident '${
              input.externalId
            }' was already reported with another ${differs.join(
              ', ',
            )}; change it with PATCH /incidents/${stored.id}`,
          );
        }
        return { incident: stored, created: false, events: [] as AuditEvent[] };
      }
      const made = await this.create(tx, { ...input, environment }, actor);
      return { ...made, created: made.events.length > 0 };
    });
    await this.events.publish(result.events);
    return { incident: result.incident, created: result.created };
  }

  /**
   * {@link IncidentService.report} for many incidents, with the same rules, answers, stored rows
   * and audit events as one at a time in their order, in one transaction (the caller's, when bound
   * to one): the stored incidents are read, the automatic attributions found, the new incidents
   * inserted and the DORA failures of their deployments refreshed with a few statements for the
   * whole list; each new incident still gets its own `incident.reported` event, in order. An
   * incident repeated in the list is taken after the ones before it, as one at a time would.
   * Throws what the first refused report would; nothing is written then.
   */
  async reportMany(
    inputs: ReportIncidentInput[],
    actor: string,
  ): Promise<Array<{ incident: Incident; created: boolean }>> {
    const targeted: LaneReport[] = [];
    for (const input of inputs) {
      targeted.push({
        ...input,
        environment: await this.checkTarget(input.system, input.environment),
      });
    }
    const result = await this.stores.transaction(async tx => {
      await tx.doraFacts.lockSystems([...new Set(inputs.map(i => i.system))]);
      const answers: Array<{ incident: Incident; created: boolean }> = [];
      const events: AuditEvent[] = [];
      // Runs of distinct keys: a repeated key reads what the run before it stored.
      let start = 0;
      while (start < inputs.length) {
        const keys = new Set<string>();
        let end = start;
        for (; end < inputs.length; end++) {
          const key = externalKey(inputs[end].source, inputs[end].externalId);
          if (keys.has(key)) break;
          keys.add(key);
        }
        const run = await this.createMany(
          tx,
          targeted.slice(start, end),
          actor,
        );
        answers.push(...run.answers);
        events.push(...run.events);
        start = end;
      }
      return { answers, events };
    });
    await this.events.publish(result.events);
    return result.answers;
  }

  /** The steps of {@link IncidentService.reportMany} for incidents of distinct keys; call with their Systems locked. */
  private async createMany(
    tx: Stores,
    inputs: LaneReport[],
    actor: string,
  ): Promise<{
    answers: Array<{ incident: Incident; created: boolean }>;
    events: AuditEvent[];
  }> {
    const stored = await tx.incidents.getByExternalIds(inputs);
    const fresh: Array<{ index: number; row: NewIncident }> = [];
    const automatic: number[] = [];
    for (const [index, input] of inputs.entries()) {
      const known = stored.get(externalKey(input.source, input.externalId));
      if (known) {
        const differs = differingFields(known, input);
        if (differs.length > 0) {
          throw new ConflictError(
            `externalId: ${input.source} incident '${
              input.externalId
            }' was already reported with another ${differs.join(
              ', ',
            )}; change it with PATCH /incidents/${known.id}`,
          );
        }
        continue;
      }
      const explicit =
        input.deploymentId !== undefined || input.releaseId !== undefined;
      fresh.push({
        index,
        row: {
          ...newIncidentRow(input, actor, this.now().toISOString()),
          ...(explicit
            ? await attributeIncident(tx, attributionQuery(input))
            : { attribution: 'automatic' as const }),
        },
      });
      if (!explicit) {
        automatic.push(fresh.length - 1);
      }
    }
    // Automatic attributions in one statement: what attributeIncident reads for each.
    const deployments = await tx.incidents.newestSucceededDeployments(
      automatic.map(f => ({
        systemRef: fresh[f].row.systemRef,
        environment: fresh[f].row.environment,
        atOrBefore: fresh[f].row.openedAt,
      })),
    );
    automatic.forEach((f, i) => {
      const deployment = deployments[i];
      if (deployment) {
        fresh[f].row.deploymentId = deployment.id;
        fresh[f].row.releaseId = deployment.releaseId;
      }
    });
    const written = await tx.incidents.insertManyIfAbsent(
      fresh.map(f => f.row),
    );
    const answers = inputs.map(input => ({
      incident: stored.get(externalKey(input.source, input.externalId))!,
      created: false,
    }));
    const attributed: string[] = [];
    written.forEach(({ incident, inserted }, i) => {
      answers[fresh[i].index] = { incident, created: inserted };
      if (inserted && incident.deploymentId) {
        attributed.push(incident.deploymentId);
      }
    });
    if (attributed.length > 0) {
      await tx.doraFacts.refreshFailures(attributed);
    }
    const events: AuditEvent[] = [];
    for (const { incident, created } of answers) {
      if (created) {
        events.push(
          await tx.audit.append(
            this.reportedEvent(incident, actor, incident.createdAt),
          ),
          ...(await this.quarantineAttributed(
            tx,
            incident,
            incident.createdAt,
          )),
        );
      }
    }
    return { answers, events };
  }

  /** Changes an incident; re-attributes it when asked, or when it is automatic and its opening moved. */
  async update(
    id: string,
    input: UpdateIncidentInput,
    actor: string,
  ): Promise<Incident> {
    const result = await this.stores.transaction(async tx => {
      const before = await tx.incidents.get(id);
      if (!before) {
        throw new NotFoundError(`No incident with id ${id}`);
      }
      await tx.doraFacts.lockSystem(before.systemRef);
      const stored = (await tx.incidents.get(id))!;
      return this.change(tx, stored, input, actor);
    });
    await this.events.publish(result.events);
    return result.incident;
  }

  async get(id: string): Promise<Incident> {
    const incident = await this.stores.incidents.get(id);
    if (!incident) {
      throw new NotFoundError(`No incident with id ${id}`);
    }
    return incident;
  }

  async list(options: {
    systemRef: string;
    environment?: string;
    limit: number;
    cursor?: string;
  }): Promise<Page<Incident>> {
    const items = await this.stores.incidents.list({
      ...options,
      limit: options.limit + 1,
      cursor: decodeCursor(options.cursor),
    });
    return toPage(items, options.limit);
  }

  /** Checks the System and lane; returns the lane, production when none is given. */
  async checkTarget(systemRef: string, environment?: string): Promise<string> {
    const lane = environment ?? this.productionEnvironment;
    if (!this.environments.includes(lane)) {
      throw new InputError(
        `environment: '${lane}' is not a configured environment; the lanes are ${this.environments.join(
          ', ',
        )}`,
      );
    }
    if (!(await this.catalog.getOwnedSystems(systemRef))) {
      throw new NotFoundError(`system: ${systemRef} is not in the catalog`);
    }
    return lane;
  }

  /** Inserts a new incident with its attribution; call with the System locked. */
  async create(
    tx: Stores,
    input: LaneReport,
    actor: string,
  ): Promise<{ incident: Incident; events: AuditEvent[] }> {
    const now = this.now().toISOString();
    const attribution = await attributeIncident(tx, attributionQuery(input));
    const { incident, inserted } = await tx.incidents.insertIfAbsent({
      ...newIncidentRow(input, actor, now),
      ...attribution,
    });
    if (!inserted) {
      return { incident, events: [] };
    }
    if (incident.deploymentId) {
      await tx.doraFacts.refreshFailures([incident.deploymentId]);
    }
    const event = await tx.audit.append(
      this.reportedEvent(incident, actor, now),
    );
    return {
      incident,
      events: [event, ...(await this.quarantineAttributed(tx, incident, now))],
    };
  }

  /** The `incident.reported` event of a new incident. */
  private reportedEvent(incident: Incident, actor: string, now: string) {
    return {
      actor,
      action: 'incident.reported',
      entityRef: incident.systemRef,
      subjectType: 'incident',
      subjectId: incident.id,
      summary: `Incident ${incident.externalId} (${
        incident.source
      }) reported in ${incident.environment}: ${incident.title}; ${
        incident.deploymentId
          ? `attributed ${
              incident.attribution === 'automatic' ? 'automatically ' : ''
            }to deployment ${incident.deploymentId}`
          : 'not attributed to a deployment'
      }`,
      data: { ...incident },
      createdAt: now,
    };
  }

  /**
   * With `quarantineOnProductionIncident`, quarantines the release of the production deployment
   * the incident is attributed to (unless it already is).
   */
  private async quarantineAttributed(
    tx: Stores,
    incident: Incident,
    at: string,
  ): Promise<AuditEvent[]> {
    if (
      !this.options.quarantineOnProductionIncident ||
      !(
        this.options.productionEnvironments ?? [this.productionEnvironment]
      ).includes(incident.environment) ||
      !incident.deploymentId ||
      !incident.releaseId
    ) {
      return [];
    }
    const release = await tx.releases.get(incident.releaseId);
    if (!release || release.quarantine) {
      return [];
    }
    return quarantineRelease(tx, release, {
      reason: `incident ${incident.externalId} (${incident.source}) in ${incident.environment} is attributed to its deployment ${incident.deploymentId}: ${incident.title}`,
      actor: QUARANTINE_ACTOR,
      at,
      incidentId: incident.id,
    });
  }

  /** Applies changes to a stored incident; call with its System locked. */
  async change(
    tx: Stores,
    stored: Incident,
    input: UpdateIncidentInput,
    actor: string,
  ): Promise<{ incident: Incident; events: AuditEvent[] }> {
    const now = this.now().toISOString();
    const openedAt = input.openedAt ?? stored.openedAt;
    const resolvedAt =
      input.resolvedAt === undefined
        ? stored.resolvedAt
        : input.resolvedAt ?? undefined;
    if (resolvedAt && resolvedAt < openedAt) {
      throw new InputError(
        `resolvedAt: must not be before openedAt (${openedAt})`,
      );
    }
    const changes: IncidentChanges = { updatedAt: now };
    if (input.title !== undefined && input.title !== stored.title)
      changes.title = input.title;
    if (input.url !== undefined && (input.url ?? undefined) !== stored.url)
      changes.url = input.url;
    if (openedAt !== stored.openedAt) changes.openedAt = openedAt;
    if (resolvedAt !== stored.resolvedAt)
      changes.resolvedAt = resolvedAt ?? null;
    const explicit =
      input.deploymentId !== undefined || input.releaseId !== undefined;
    const automatic =
      input.attribution === 'automatic' ||
      (!explicit && stored.attribution === 'automatic' && changes.openedAt);
    if (explicit || automatic) {
      const next = await attributeIncident(tx, {
        systemRef: stored.systemRef,
        environment: stored.environment,
        openedAt,
        ...(explicit
          ? { deploymentId: input.deploymentId, releaseId: input.releaseId }
          : {}),
      });
      if ((next.deploymentId ?? null) !== (stored.deploymentId ?? null))
        changes.deploymentId = next.deploymentId ?? null;
      if ((next.releaseId ?? null) !== (stored.releaseId ?? null))
        changes.releaseId = next.releaseId ?? null;
      if (next.attribution !== stored.attribution)
        changes.attribution = next.attribution;
    }
    if (
      input.fixedByDeploymentId !== undefined &&
      (input.fixedByDeploymentId ?? undefined) !== stored.fixedByDeploymentId
    ) {
      if (input.fixedByDeploymentId) {
        await checkFixingDeployment(tx, stored, input.fixedByDeploymentId);
      }
      changes.fixedByDeploymentId = input.fixedByDeploymentId;
    }
    if (Object.keys(changes).length === 1) {
      return { incident: stored, events: [] };
    }
    const incident = await tx.incidents.update(stored.id, changes);
    await tx.doraFacts.refreshFailures(
      [stored.deploymentId, incident.deploymentId].filter((d): d is string =>
        Boolean(d),
      ),
    );
    await tx.doraFacts.refreshRestores(
      [stored.fixedByDeploymentId, incident.fixedByDeploymentId].filter(
        (d): d is string => Boolean(d),
      ),
    );
    const event = await tx.audit.append({
      actor,
      action: 'incident.updated',
      entityRef: incident.systemRef,
      subjectType: 'incident',
      subjectId: incident.id,
      summary: `Incident ${incident.externalId} (${
        incident.source
      }): ${describeIncidentChanges(changes)}`,
      data: { changes: { ...changes, updatedAt: undefined } },
      createdAt: now,
    });
    const reattributed = changes.deploymentId
      ? await this.quarantineAttributed(tx, incident, now)
      : [];
    return { incident, events: [event, ...reattributed] };
  }
}
