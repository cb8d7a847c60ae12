import { InputError } from '@backstage/errors';
import {
  attachEvidenceRequestSchema,
  CdEventResult,
  describeZodError,
  ImportRecord,
  parseImportRecord,
  updateIncidentRequestSchema,
} from '@release-orchestration/plugin-release-orchestration-common';
import { Stores } from '../../database/types';
import { CatalogGateway } from '../CatalogGateway';
import { EvidenceService } from '../EvidenceService';
import { IncidentService } from '../incidents/IncidentService';
import { IngestContext, IngestService } from '../ingest/IngestService';
import {
  CDEVENTS_SOURCE,
  CdEventAction,
  CloudEventIdentity,
  mapCdEvent,
} from './mapCdEvent';

/** Who sends an event and what they may do. */
export interface CdEventContext {
  actor: string;
  /** Throws when the caller may not report this kind of record for the System. */
  authorize: NonNullable<IngestContext['authorize']>;
  /** Throws when the caller may not attach evidence to the release. */
  authorizeEvidence: (releaseId: string) => Promise<void>;
}

function asRecord(
  kind: ImportRecord['kind'],
  body: Record<string, unknown>,
): ImportRecord {
  const parsed = parseImportRecord({ kind, ...body });
  if (!parsed.success) {
    throw new InputError(
      `Invalid CDEvent: as a ${kind} report, ${parsed.error}`,
    );
  }
  return parsed.data;
}

/**
 * Receives CDEvents: maps each onto the model (see {@link mapCdEvent}) and records it through the
 * ingest service (builds, deployments, new incidents) or the incident and evidence services,
 * with source `cdevents`. A repeat of an event (same CloudEvent id and source) changes nothing.
 */
export class CdEventService {
  constructor(
    private readonly deps: {
      stores: Stores;
      catalog: CatalogGateway;
      ingest: IngestService;
      incidents: IncidentService;
      evidence: EvidenceService;
    },
  ) {}

  async receive(
    identity: CloudEventIdentity,
    type: string,
    data: unknown,
    context: CdEventContext,
  ): Promise<CdEventResult> {
    const action = mapCdEvent(identity, type, data);
    const ingestContext = {
      actor: context.actor,
      source: CDEVENTS_SOURCE,
      authorize: context.authorize,
    };
    switch (action.action) {
      case 'ignore':
        return { type, outcome: 'ignored', reason: action.reason };
      case 'report': {
        const result = await this.deps.ingest.record(
          asRecord(action.kind, action.body),
          ingestContext,
        );
        return {
          type,
          outcome: result.outcome,
          recordedAs: action.kind,
          id: result.id,
        };
      }
      case 'evidence':
        return { type, ...(await this.attachEvidence(action, context)) };
      default:
        return {
          type,
          ...(await this.recordIncident(action, ingestContext, context)),
        };
    }
  }

  private async attachEvidence(
    action: Extract<CdEventAction, { action: 'evidence' }>,
    context: CdEventContext,
  ) {
    await context.authorizeEvidence(action.releaseId);
    const input = attachEvidenceRequestSchema.safeParse({
      ...action.body,
      contentDigest: action.digest,
    });
    if (!input.success) {
      throw new InputError(
        `Invalid CDEvent: as evidence, ${describeZodError(input.error)}`,
      );
    }
    const existing = (
      await this.deps.stores.evidence.listForRelease(action.releaseId)
    ).find(e => e.contentDigest === action.digest);
    if (existing) {
      return {
        outcome: 'unchanged' as const,
        recordedAs: 'evidence' as const,
        id: existing.id,
      };
    }
    const evidence = await this.deps.evidence.attach(
      action.releaseId,
      input.data,
      context.actor,
    );
    return {
      outcome: 'created' as const,
      recordedAs: 'evidence' as const,
      id: evidence.id,
    };
  }

  private async recordIncident(
    action: Extract<CdEventAction, { action: 'incident' }>,
    ingestContext: IngestContext,
    context: CdEventContext,
  ): Promise<Omit<CdEventResult, 'type'>> {
    const stored = await this.deps.stores.incidents.getByExternalId(
      CDEVENTS_SOURCE,
      action.externalId,
    );
    if (stored && action.predicate !== 'resolved') {
      // Detected, then reported (or a repeat): the incident is already open.
      await context.authorize('incident', stored.systemRef);
      return { outcome: 'unchanged', recordedAs: 'incident', id: stored.id };
    }
    const resolvedAt =
      action.predicate === 'resolved'
        ? (action.body.openedAt as string)
        : undefined;
    if (stored && resolvedAt) {
      await context.authorize('incident', stored.systemRef);
      if (stored.resolvedAt) {
        return { outcome: 'unchanged', recordedAs: 'incident', id: stored.id };
      }
      const change = updateIncidentRequestSchema.parse({ resolvedAt });
      const incident = await this.deps.incidents.update(
        stored.id,
        change,
        context.actor,
      );
      return { outcome: 'updated', recordedAs: 'incident', id: incident.id };
    }
    // A resolution whose opening was missed is recorded resolved.
    const system = action.system ?? (await this.systemOf(action.component));
    const record = asRecord('incident', {
      source: CDEVENTS_SOURCE,
      externalId: action.externalId,
      system,
      ...action.body,
      ...(resolvedAt ? { resolvedAt } : {}),
    });
    const result = await this.deps.ingest.record(record, ingestContext);
    return { outcome: result.outcome, recordedAs: 'incident', id: result.id };
  }

  private async systemOf(component: string | undefined): Promise<string> {
    const systemRef = component
      ? (await this.deps.catalog.getComponentSystem(component))?.systemRef
      : undefined;
    if (!systemRef) {
      throw new InputError(
        `Invalid CDEvent: subject.content.service: ${
          component ?? 'no service or artifact'
        } is not a catalog Component of a System; give customData.releaseOrchestration.system`,
      );
    }
    return systemRef;
  }
}
