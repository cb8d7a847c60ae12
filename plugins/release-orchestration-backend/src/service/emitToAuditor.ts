import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { AuditEvent } from '@release-orchestration/plugin-release-orchestration-common';

/**
 * Events sent to the auditor before the event loop gets a turn. The default auditor writes each
 * event as a log line, synchronously; a bulk import commits a thousand events at once, and
 * writing them in one go held up every request and database answer of the process for about
 * 35 ms (`npm run bench -- --only import --cpu-prof`: 0.73 s of the backend's 3.4 s of work for
 * 20,000 records).
 */
export const AUDITOR_EVENTS_PER_TURN = 50;

/**
 * A commit of more events than this (a bulk import's batch) goes to the auditor as one event per
 * action, with how many and which sequences, as Backstage's own plugins report a bulk request
 * once; each event stays in the plugin's chain. The default auditor writes two log lines an
 * event (`initiated`, `succeeded`): 40,000 lines, 0.97 s of the backend's 4 s of work, for an
 * import of 20,000 records (`--cpu-prof`, 7 December).
 */
export const AUDITOR_EVENTS_PER_COMMIT = 50;

/** What the auditor is sent: one event, or the events of one action in a large commit. */
type AuditorItem =
  | { kind: 'event'; event: AuditEvent }
  | { kind: 'group'; action: string; events: AuditEvent[] };

/** The most entity refs a grouped auditor event lists. */
const GROUP_ENTITY_REFS = 20;

function severityOf(action: string) {
  return /override/.test(action) ? ('high' as const) : ('medium' as const);
}

function eventIdOf(action: string) {
  return action.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/** A large commit's events as one item per action, in the order the actions first appear. */
function grouped(events: AuditEvent[]): AuditorItem[] {
  const byAction = new Map<string, AuditEvent[]>();
  for (const event of events) {
    const list = byAction.get(event.action);
    if (list) {
      list.push(event);
    } else {
      byAction.set(event.action, [event]);
    }
  }
  return [...byAction].map(([action, list]) => ({
    kind: 'group' as const,
    action,
    events: list,
  }));
}

/**
 * Sends committed audit events to Backstage's auditor service as well (adopters' security logs),
 * without holding up the response: the change has committed, so a failing auditor is only logged.
 * The event id is the action in kebab case, e.g. `promotion-approved`; a commit of more than
 * {@link AUDITOR_EVENTS_PER_COMMIT} events is sent as one event per action (`count`,
 * `firstSequence`, `lastSequence`). Events go out in the order they committed, {@link AUDITOR_EVENTS_PER_TURN} at a time, each group in a later turn of
 * the event loop, so a large commit's events are written while the process waits for I/O.
 */
export function emitToAuditor(
  auditor: AuditorService,
  logger: LoggerService,
  nextTurn: () => Promise<void> = () =>
    new Promise(resolve => setImmediate(resolve)),
) {
  const queue: AuditorItem[] = [];
  let draining = false;
  const send = async (action: string, meta: JsonObject, what: string) => {
    try {
      const auditorEvent = await auditor.createEvent({
        eventId: eventIdOf(action),
        severityLevel: severityOf(action),
        meta,
      });
      await auditorEvent.success();
    } catch (error) {
      logger.warn(
        `The auditor service failed on ${what} (${action}): ${error}`,
      );
    }
  };
  const emit = async (item: AuditorItem) => {
    if (item.kind === 'event') {
      const { event } = item;
      await send(
        event.action,
        {
          actor: event.actor,
          action: event.action,
          entityRef: event.entityRef,
          subjectType: event.subjectType,
          subjectId: event.subjectId,
          summary: event.summary,
          sequence: event.sequence,
          hash: event.hash,
        },
        `audit event ${event.sequence}`,
      );
      return;
    }
    const { action, events } = item;
    const first = events[0];
    const last = events[events.length - 1];
    const actors = [...new Set(events.map(e => e.actor))];
    const entityRefs = [...new Set(events.map(e => e.entityRef))];
    await send(
      action,
      {
        actor: actors.length === 1 ? actors[0] : actors,
        action,
        count: events.length,
        subjectType: first.subjectType,
        entityRefs: entityRefs.slice(0, GROUP_ENTITY_REFS),
        ...(entityRefs.length > GROUP_ENTITY_REFS
          ? { moreEntityRefs: entityRefs.length - GROUP_ENTITY_REFS }
          : {}),
        summary: `${events.length} ${action} events committed together (audit sequences ${first.sequence} to ${last.sequence})`,
        firstSequence: first.sequence,
        lastSequence: last.sequence,
        hash: last.hash,
      },
      `audit events ${first.sequence}-${last.sequence}`,
    );
  };
  const drain = async () => {
    draining = true;
    try {
      while (queue.length > 0) {
        for (const event of queue.splice(0, AUDITOR_EVENTS_PER_TURN)) {
          await emit(event);
        }
        if (queue.length > 0) {
          await nextTurn();
        }
      }
    } finally {
      draining = false;
    }
  };
  return (events: AuditEvent[]): void => {
    if (events.length > AUDITOR_EVENTS_PER_COMMIT) {
      queue.push(...grouped(events));
    } else {
      for (const event of events) {
        queue.push({ kind: 'event', event });
      }
    }
    if (!draining) {
      void drain();
    }
  };
}
