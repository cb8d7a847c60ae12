import { ConflictError, InputError } from '@backstage/errors';
import {
  AuditEvent,
  IncidentWebhookResult,
  pagerDutyWebhookSchema,
} from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import { IncidentService } from './IncidentService';
import { Stores } from '../../database/types';
import { EventPublisher } from '../EventPublisher';
import {
  PAGERDUTY_SERVICE_ID_ANNOTATION,
  PagerDutyServiceSystem,
} from './pagerDutyServiceSystem';

/** A validated PagerDuty V3 webhook payload. */
export type PagerDutyWebhookInput = z.output<typeof pagerDutyWebhookSchema>;

const SOURCE = 'pagerduty';

/**
 * Turns PagerDuty V3 webhook events into incidents of one System: `incident.triggered` opens one,
 * `incident.resolved` resolves it (or records it resolved when the trigger was missed),
 * `incident.reopened` reopens it. Other events are acknowledged and ignored. Repeats change nothing.
 */
export class PagerDutyWebhookHandler {
  constructor(
    private readonly stores: Stores,
    private readonly incidents: IncidentService,
    private readonly events: EventPublisher,
    private readonly serviceSystem: PagerDutyServiceSystem = async () =>
      undefined,
  ) {}

  /**
   * The System an event is about: the one whose catalog entity (the System, or a Component of
   * it) carries the event's PagerDuty service in the `pagerduty.com/service-id` annotation, so
   * that one webhook subscription serves the whole organisation; else the `?system=` the
   * subscription's URL names.
   */
  async resolveTarget(
    payload: PagerDutyWebhookInput,
    query: { system?: string; environment?: string },
  ): Promise<{ system: string; environment?: string }> {
    const serviceId = (payload.event.data as { service?: { id: string } })
      .service?.id;
    const mapped = serviceId ? await this.serviceSystem(serviceId) : undefined;
    const system = mapped ?? query.system;
    if (!system) {
      throw new InputError(
        serviceId
          ? `system: no System in the catalog carries the annotation ${PAGERDUTY_SERVICE_ID_ANNOTATION}: ${serviceId} (on the System or one of its Components); annotate it, or pass ?system=`
          : 'system: the event names no PagerDuty service (event.data.service.id); pass ?system=',
      );
    }
    return { system, environment: query.environment };
  }

  async handle(
    payload: PagerDutyWebhookInput,
    target: { system: string; environment?: string },
    actor: string,
  ): Promise<IncidentWebhookResult> {
    const { event } = payload;
    const type = event.event_type;
    if (
      event.resource_type !== 'incident' ||
      ![
        'incident.triggered',
        'incident.resolved',
        'incident.reopened',
      ].includes(type)
    ) {
      return {
        outcome: 'ignored',
        reason: `${type} events do not change incidents`,
      };
    }
    const environment = await this.incidents.checkTarget(
      target.system,
      target.environment,
    );
    const data = event.data;
    const openedAt = data.created_at ?? event.occurred_at;
    // A resolution stamped before the incident's creation (clock skew) resolves it when it opened.
    const resolvedAt =
      type === 'incident.resolved'
        ? [event.occurred_at, openedAt].sort()[1]
        : undefined;
    const result = await this.stores.transaction(async tx => {
      await tx.doraFacts.lockSystem(target.system);
      const stored = await tx.incidents.getByExternalId(SOURCE, data.id);
      if (!stored) {
        const made = await this.incidents.create(
          tx,
          {
            source: SOURCE,
            externalId: data.id,
            system: target.system,
            environment,
            title: data.title ?? `PagerDuty incident ${data.id}`,
            url: data.html_url,
            openedAt,
            resolvedAt,
          },
          actor,
        );
        return {
          outcome:
            made.events.length > 0
              ? ('created' as const)
              : ('unchanged' as const),
          ...made,
        };
      }
      if (
        stored.systemRef !== target.system ||
        stored.environment !== environment
      ) {
        throw new ConflictError(
          `system: PagerDuty incident ${data.id} belongs to ${stored.systemRef} in ${stored.environment}, not ${target.system} in ${environment}`,
        );
      }
      let events: AuditEvent[] = [];
      let incident = stored;
      if (type === 'incident.resolved' && !stored.resolvedAt) {
        ({ incident, events } = await this.incidents.change(
          tx,
          stored,
          {
            resolvedAt:
              resolvedAt! > stored.openedAt ? resolvedAt : stored.openedAt,
          },
          actor,
        ));
      } else if (type === 'incident.reopened' && stored.resolvedAt) {
        ({ incident, events } = await this.incidents.change(
          tx,
          stored,
          { resolvedAt: null },
          actor,
        ));
      }
      return {
        outcome:
          events.length > 0 ? ('updated' as const) : ('unchanged' as const),
        incident,
        events,
      };
    });
    await this.events.publish(result.events);
    return { outcome: result.outcome, incident: result.incident };
  }
}
