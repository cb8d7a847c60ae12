import { createHash, createHmac } from 'node:crypto';
import { manifestDigest } from './manifestDigest';

/** An audit event as an evidence pack carries it: the stored row. */
export interface PackEvent {
  sequence: number;
  id: string;
  actor: string;
  action: string;
  entity_ref: string;
  subject_type: string;
  subject_id: string;
  summary: string;
  data: string | null;
  created_at: string;
  prev_hash: string;
  hash: string;
  key_id: string | null;
}

/** What offline verification of a pack found. */
export interface PackVerification {
  problems: string[];
  /** Events whose hash was recomputed and matched (unkeyed ones always; keyed with their secret). */
  eventsRecomputed: number;
  /** Events that could not be recomputed: keyed with a secret not given. */
  eventsNotRecomputed: number;
  /** Pairs of consecutive sequences whose link (prev_hash = previous hash) was checked. */
  linksChecked: number;
}

function eventHash(
  e: PackEvent,
  secrets: Map<string, string>,
): string | undefined {
  const fields = [
    e.prev_hash,
    Number(e.sequence),
    e.id,
    e.actor,
    e.action,
    e.entity_ref,
    e.subject_type,
    e.subject_id,
    e.summary,
    e.data,
  ];
  if (e.key_id === null) {
    const payload = JSON.stringify([
      ...fields,
      new Date(e.created_at).toISOString(),
    ]);
    return createHash('sha256').update(payload).digest('hex');
  }
  const payload = JSON.stringify(['v2', e.key_id, ...fields, e.created_at]);
  if (e.key_id === 'unkeyed') {
    return createHash('sha256').update(payload).digest('hex');
  }
  const secret = secrets.get(e.key_id);
  return secret === undefined
    ? undefined
    : createHmac('sha256', secret).update(payload).digest('hex');
}

/**
 * Checks a pack without the server: the manifest against its digest, each audit event's link to
 * the event before it when both are in the pack, and each event's hash when it is unkeyed or its
 * key's secret is given (docs/releases.md says what this proves).
 */
export function verifyPack(
  pack: any,
  secrets: Map<string, string>,
): PackVerification {
  const problems: string[] = [];
  const components = pack?.release?.components;
  if (
    !Array.isArray(components) ||
    typeof pack?.manifestDigest !== 'string' ||
    !Array.isArray(pack?.audit?.events)
  ) {
    return {
      problems: [
        'not an evidence pack: release.components, manifestDigest or audit.events is missing',
      ],
      eventsRecomputed: 0,
      eventsNotRecomputed: 0,
      linksChecked: 0,
    };
  }
  const digest = manifestDigest(components);
  if (
    digest !== pack.manifestDigest ||
    pack.release.manifestDigest !== pack.manifestDigest
  ) {
    problems.push(
      `manifest: its components hash to ${digest}; the pack says ${pack.manifestDigest} (release ${pack.release.manifestDigest})`,
    );
  }
  const events: PackEvent[] = [...pack.audit.events].sort(
    (a, b) => a.sequence - b.sequence,
  );
  let eventsRecomputed = 0;
  let eventsNotRecomputed = 0;
  let linksChecked = 0;
  events.forEach((event, i) => {
    const previous = events[i - 1];
    if (previous && previous.sequence + 1 === event.sequence) {
      linksChecked += 1;
      if (event.prev_hash !== previous.hash) {
        problems.push(
          `event ${event.sequence}: prev_hash does not match the hash of event ${previous.sequence}`,
        );
      }
    }
    const expected = eventHash(event, secrets);
    if (expected === undefined) {
      eventsNotRecomputed += 1;
    } else if (expected === event.hash) {
      eventsRecomputed += 1;
    } else {
      problems.push(
        `event ${event.sequence} (${event.action}): its content does not hash to its stored hash`,
      );
    }
  });
  const releaseEvents = events.filter(
    e => e.subject_type === 'release' && e.subject_id === pack.release.id,
  );
  if (!releaseEvents.some(e => e.action === 'release.created')) {
    problems.push(
      'the release.created event of the release is not in the pack',
    );
  }
  return { problems, eventsRecomputed, eventsNotRecomputed, linksChecked };
}
