import { AuditCheckpoint } from '@release-orchestration/plugin-release-orchestration-node';
import { AuditKeyring, UNKEYED } from './AuditKeyring';
import { auditCheckpointSignatureValid } from './auditCheckpoints';
import {
  auditEventHash,
  GENESIS_HASH,
  StoredAuditEvent,
} from './auditEventHash';

/** How the chain is broken at a place. */
export type AuditBreakKind =
  | 'altered'
  | 'unknown-key'
  | 'downgraded'
  | 'missing'
  | 'relinked'
  | 'reordered'
  | 'inserted'
  | 'head-ahead'
  | 'head-behind'
  | 'head-mismatch'
  | 'rewound'
  | 'rewritten'
  | 'checkpoint-forged';

/** One break in the audit chain. */
export interface AuditBreak {
  kind: AuditBreakKind;
  /** The first event concerned. */
  sequence: number;
  message: string;
}

/** What a walk over (part of) the chain found. */
export interface AuditChainResult {
  valid: boolean;
  /** Events whose hash and link were checked. */
  checkedEvents: number;
  /** The first and last event checked (fromSequence > throughSequence when none was). */
  fromSequence: number;
  throughSequence: number;
  /** The hash of event `throughSequence` as stored. */
  throughHash: string;
  /** The first breaks found, ordered by sequence. */
  breaks: AuditBreak[];
  /** All breaks found, including those left out of `breaks`. */
  breakCount: number;
  /** Checked events hashed without a key, and written before keys existed. */
  unkeyedEvents: number;
  legacyEvents: number;
}

/** Where a walk starts: after a verified event (0 and the genesis hash for the whole chain). */
export interface AuditChainStart {
  sequence: number;
  hash: string;
  /** The key id of the event at `sequence`; a later event with weaker protection is a downgrade. */
  keyId?: string | null;
}

const RECENT_HASHES = 1000;
const MAX_PENDING = 10_000;

function protection(keyId: string | null): number {
  if (keyId === null) {
    return 0;
  }
  return keyId === UNKEYED ? 1 : 2;
}

const range = (from: number, to: number) =>
  from === to ? `event ${from}` : `events ${from}..${to}`;

/**
 * Checks audit events fed in sequence order and names every break, not only the first: edited
 * events, deleted ones, reordered or inserted ones, re-hashed ones, a moved head, and a chain
 * that no longer holds what a checkpoint recorded. Memory is bounded (recent hashes, pending
 * links, the first `maxBreaks` breaks), so a million-event chain can be walked.
 */
export class AuditChainVerifier {
  private readonly breaks: AuditBreak[] = [];
  private breakCount = 0;
  private readonly recent = new Map<string, number>();
  private readonly pending = new Map<string, number>();
  private readonly reordered = new Set<number>();
  private start: AuditChainStart = { sequence: 0, hash: GENESIS_HASH };
  private expected = 1;
  private prevHash = GENESIS_HASH;
  private strongest = 0;
  private checked = 0;
  private unkeyed = 0;
  private legacy = 0;

  constructor(
    private readonly keyring: AuditKeyring,
    private readonly maxBreaks = 100,
  ) {}

  /** Starts the walk after an already verified event instead of at the beginning of the chain. */
  startAfter(start: AuditChainStart): void {
    this.start = start;
    this.expected = start.sequence + 1;
    this.prevHash = start.hash;
    this.strongest = start.keyId === undefined ? 0 : protection(start.keyId);
    this.recent.set(start.hash, start.sequence);
  }

  /** Records a break (kept when among the first `maxBreaks`). */
  report(kind: AuditBreakKind, sequence: number, message: string): void {
    this.breakCount += 1;
    if (this.breaks.length < this.maxBreaks) {
      this.breaks.push({ kind, sequence, message });
    }
  }

  /** Checks the next stored event. */
  check(row: StoredAuditEvent): void {
    const s = Number(row.sequence);
    const gap = s > this.expected;
    if (gap) {
      this.report(
        'missing',
        this.expected,
        `${range(this.expected, s - 1)} missing: deleted from the chain`,
      );
    }
    const pointedFrom = this.pending.get(row.hash);
    if (pointedFrom !== undefined) {
      this.pending.delete(row.hash);
      this.reordered.add(pointedFrom);
      this.report(
        'reordered',
        pointedFrom,
        `event ${pointedFrom} points at event ${s}, which comes after it: events were reordered`,
      );
    }
    if (row.prev_hash !== this.prevHash && !gap) {
      this.checkLink(row, s);
    }
    this.checkHash(row, s);
    this.recent.set(row.hash, s);
    if (this.recent.size > RECENT_HASHES) {
      this.recent.delete(this.recent.keys().next().value!);
    }
    this.prevHash = row.hash;
    this.expected = s + 1;
    this.checked += 1;
  }

  private checkLink(row: StoredAuditEvent, s: number) {
    const pointsAt = this.recent.get(row.prev_hash);
    if (pointsAt !== undefined && pointsAt < s - 1) {
      if (!this.reordered.has(s - 1)) {
        this.report(
          'inserted',
          pointsAt + 1,
          `${range(
            pointsAt + 1,
            s - 1,
          )} not part of the chain: event ${s} points at event ${pointsAt} (inserted, or moved here)`,
        );
      }
    } else if (this.pending.size < MAX_PENDING) {
      this.pending.set(row.prev_hash, s);
    } else {
      this.reportRelinked(s);
    }
  }

  private reportRelinked(s: number) {
    this.report(
      'relinked',
      s,
      `event ${s} does not point at the hash of event ${s - 1}: event ${
        s - 1
      } was re-hashed, or event ${s} re-linked`,
    );
  }

  private checkHash(row: StoredAuditEvent, s: number) {
    const level = protection(row.key_id);
    if (level < this.strongest) {
      this.report(
        'downgraded',
        s,
        `event ${s} is ${
          level === 0 ? 'in the legacy format' : 'unkeyed'
        } after keyed events: re-hashed without the key`,
      );
    }
    this.strongest = Math.max(this.strongest, level);
    if (row.key_id === null) {
      this.legacy += 1;
    } else if (row.key_id === UNKEYED) {
      this.unkeyed += 1;
    } else if (!this.keyring.knows(row.key_id)) {
      this.report(
        'unknown-key',
        s,
        `event ${s} names key '${row.key_id}', which is not configured: it cannot be verified`,
      );
      return;
    }
    if (auditEventHash(row, this.keyring) !== row.hash) {
      const under = level === 2 ? ` under key '${row.key_id}'` : '';
      this.report(
        'altered',
        s,
        `event ${s} does not match its hash${under}: a field was edited, or the hash was computed without the key`,
      );
    }
  }

  /**
   * Checks a checkpoint against the chain: its signature, and that the event it recorded is still
   * there with the same hash. `eventHash` is the stored hash of the event at its sequence.
   */
  checkCheckpoint(
    checkpoint: AuditCheckpoint,
    source: string,
    eventHash: string | undefined,
    chainEnd: number,
  ): boolean {
    const which = `the ${source} checkpoint of ${checkpoint.createdAt}`;
    if (!auditCheckpointSignatureValid(this.keyring, checkpoint)) {
      this.report(
        'checkpoint-forged',
        checkpoint.sequence,
        `${which} does not verify with key '${checkpoint.keyId}': it was altered`,
      );
      return false;
    }
    if (checkpoint.sequence === 0) {
      return true;
    }
    if (checkpoint.sequence > chainEnd) {
      this.report(
        'rewound',
        chainEnd + 1,
        `${which} recorded ${checkpoint.sequence} events; the chain now ends at ${chainEnd}: events were deleted and the head moved back`,
      );
      return false;
    }
    if (eventHash !== checkpoint.headHash) {
      this.report(
        'rewritten',
        checkpoint.sequence,
        `event ${checkpoint.sequence} ${
          eventHash === undefined ? 'is gone' : 'no longer has the hash'
        } ${which} recorded: the chain was rewritten`,
      );
      return false;
    }
    return true;
  }

  /**
   * Ends the walk. `head` is the head row read before the walk (events were read up to it);
   * `maxSequence` the highest stored sequence read after the walk, before the head was read again.
   */
  finish(
    head: { sequence: number; hash: string },
    maxSequence: number,
    headNow = head,
  ): AuditChainResult {
    for (const s of this.pending.values()) {
      this.reportRelinked(s);
    }
    this.pending.clear();
    const last = this.expected - 1;
    if (last < head.sequence) {
      this.report(
        'head-ahead',
        last + 1,
        `the head says ${head.sequence} events but the chain ends at ${last}: the last events were deleted, or the head moved forward`,
      );
    } else if (head.hash !== this.prevHash) {
      this.report(
        'head-mismatch',
        head.sequence,
        `the head does not hold the hash of event ${head.sequence}`,
      );
    }
    if (maxSequence > headNow.sequence) {
      this.report(
        'head-behind',
        headNow.sequence + 1,
        `${range(
          headNow.sequence + 1,
          maxSequence,
        )} beyond the chain head: the head was moved back, or events were written around the store`,
      );
    }
    this.breaks.sort(
      (a, b) => a.sequence - b.sequence || a.kind.localeCompare(b.kind),
    );
    return {
      valid: this.breakCount === 0,
      checkedEvents: this.checked,
      fromSequence: this.start.sequence + 1,
      throughSequence: last,
      throughHash: this.prevHash,
      breaks: this.breaks,
      breakCount: this.breakCount,
      unkeyedEvents: this.unkeyed,
      legacyEvents: this.legacy,
    };
  }
}
