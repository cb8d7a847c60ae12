import { AuditCheckpoint } from '@release-orchestration/plugin-release-orchestration-node';
import {
  AuditAnchorSource,
  AuditChainReader,
  AuditVerification,
} from '../database/auditStoreTypes';
import { AuditChainVerifier } from './AuditChainVerifier';
import { AuditKeyring } from './AuditKeyring';

/** A checkpoint known to the verifier, and where it came from (stored, remembered, supplied). */
export interface AuditAnchor {
  checkpoint: AuditCheckpoint;
  source: AuditAnchorSource;
}

/** Progress of a walk, reported after each page. */
export interface AuditVerifyProgress {
  checkedEvents: number;
  throughSequence: number;
  targetSequence: number;
}

/** Options of {@link verifyAuditChain}. */
export interface VerifyAuditChainOptions {
  chain: AuditChainReader;
  keyring: AuditKeyring;
  /**
   * `incremental` starts after the newest verified checkpoint whose event still has the recorded
   * hash; `full` walks every event and checks every stored checkpoint.
   */
  mode: 'incremental' | 'full';
  /** Checkpoints from outside the table: remembered by this process, supplied by the caller. */
  anchors?: AuditAnchor[];
  pageSize?: number;
  maxBreaks?: number;
  onProgress?: (progress: AuditVerifyProgress) => Promise<void>;
}

function warningsOf(
  keyring: AuditKeyring,
  unkeyed: number,
  legacy: number,
): string[] {
  const warnings: string[] = [];
  if (!keyring.keyed) {
    warnings.push(
      'No audit key is configured: new events are hashed without a key, which shows accidental edits but not a rewrite by someone with database access.',
    );
  }
  if (unkeyed > 0) {
    warnings.push(`${unkeyed} checked event(s) are unkeyed (plain sha256).`);
  }
  if (legacy > 0) {
    warnings.push(
      `${legacy} checked event(s) were written before keyed chains (plain sha256, millisecond times).`,
    );
  }
  return warnings;
}

/**
 * Walks the audit chain (from the start, or after the newest verified checkpoint) in pages of
 * `pageSize` events and names every break: see {@link AuditChainVerifier}. Reads the head first
 * and events up to it only, so events committed during the walk are not mistaken for tampering.
 */
export async function verifyAuditChain(
  options: VerifyAuditChainOptions,
): Promise<AuditVerification> {
  const { chain, keyring, mode } = options;
  const pageSize = options.pageSize ?? 1000;
  // Checkpoints before the head: one another replica takes meanwhile cannot lie beyond the head.
  const stored = await chain.checkpoints.newest();
  const storedVerified = stored?.verified
    ? stored
    : await chain.checkpoints.newest({ verifiedOnly: true });
  const head = await chain.readHead();
  const verifier = new AuditChainVerifier(keyring, options.maxBreaks);
  const anchors: AuditAnchor[] = [
    ...[stored, storedVerified]
      .filter(
        (c, i, all): c is AuditCheckpoint =>
          c !== undefined && all.indexOf(c) === i,
      )
      .map(checkpoint => ({ checkpoint, source: 'stored' as const })),
    ...(options.anchors ?? []),
  ];
  const checkedSignatures = new Set<string>();
  let start: { anchor: AuditAnchor; keyId: string | null } | undefined;
  for (const anchor of anchors) {
    const { checkpoint } = anchor;
    if (checkedSignatures.has(checkpoint.signature)) {
      continue;
    }
    checkedSignatures.add(checkpoint.signature);
    const event =
      checkpoint.sequence > 0
        ? await chain.readEvent(checkpoint.sequence)
        : undefined;
    const holds = verifier.checkCheckpoint(
      checkpoint,
      anchor.source,
      event?.hash,
      head.sequence,
    );
    if (
      holds &&
      checkpoint.verified &&
      (!start || checkpoint.sequence > start.anchor.checkpoint.sequence)
    ) {
      start = { anchor, keyId: event?.key_id ?? null };
    }
  }
  if (mode === 'incremental' && start && start.anchor.checkpoint.sequence > 0) {
    const { checkpoint } = start.anchor;
    verifier.startAfter({
      sequence: checkpoint.sequence,
      hash: checkpoint.headHash,
      keyId: start.keyId,
    });
  }

  let after =
    mode === 'incremental' && start ? start.anchor.checkpoint.sequence : 0;
  let checkedEvents = 0;
  for (;;) {
    const rows = await chain.readChain({
      afterSequence: after,
      throughSequence: head.sequence,
      limit: pageSize,
    });
    for (const row of rows) {
      verifier.check(row);
    }
    if (rows.length === 0) {
      break;
    }
    const first = rows[0].sequence;
    after = rows[rows.length - 1].sequence;
    checkedEvents += rows.length;
    if (mode === 'full') {
      const hashes = new Map(rows.map(r => [r.sequence, r.hash]));
      for (const checkpoint of await chain.checkpoints.between(first, after)) {
        if (!checkedSignatures.has(checkpoint.signature)) {
          verifier.checkCheckpoint(
            checkpoint,
            'stored',
            hashes.get(checkpoint.sequence),
            head.sequence,
          );
        }
      }
    }
    await options.onProgress?.({
      checkedEvents,
      throughSequence: after,
      targetSequence: head.sequence,
    });
    if (rows.length < pageSize) {
      break;
    }
  }
  // Highest stored sequence first, then the head: a commit in between only raises the head.
  const maxSequence = await chain.maxSequence();
  const headNow = await chain.readHead();
  const result = verifier.finish(head, maxSequence, headNow);
  const [firstBreak] = result.breaks;
  return {
    ...result,
    mode,
    ...(mode === 'incremental' && start && start.anchor.checkpoint.sequence > 0
      ? {
          startedAfter: {
            sequence: start.anchor.checkpoint.sequence,
            createdAt: start.anchor.checkpoint.createdAt,
            source: start.anchor.source,
          },
        }
      : {}),
    keyed: keyring.keyed,
    warnings: warningsOf(keyring, result.unkeyedEvents, result.legacyEvents),
    ...(firstBreak
      ? { firstBrokenSequence: firstBreak.sequence, reason: firstBreak.message }
      : {}),
  };
}
