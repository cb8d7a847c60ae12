import {
  AuditEvent,
  Page,
} from '@release-orchestration/plugin-release-orchestration-common';
import { AuditCheckpoint } from '@release-orchestration/plugin-release-orchestration-node';
import { InputError } from '@backstage/errors';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AuditVerification,
  FullAuditVerification,
  Stores,
} from '../database/types';
import { AuditKeyring } from '../audit/AuditKeyring';
import { AuditBreak } from '../audit/AuditChainVerifier';
import {
  decodeAuditCheckpointToken,
  signAuditCheckpoint,
} from '../audit/auditCheckpoints';
import { canonicalAuditTimestamp } from '../audit/canonicalAuditText';
import { AuditAnchor, verifyAuditChain } from '../audit/verifyAuditChain';

/** Options of {@link AuditService}. */
export interface AuditServiceOptions {
  keyring: AuditKeyring;
  logger?: LoggerService;
  /** Hands a new checkpoint to the event subscribers (anchoring outside the database). */
  publishCheckpoint?: (checkpoint: AuditCheckpoint) => Promise<void>;
  clock?: () => Date;
  /** A checkpoint recorded outside the database and put in config (`releaseOrchestration.audit.checkpoint`). */
  configuredCheckpoint?: AuditCheckpoint;
  /** Starts the scheduled full re-verification now (the scheduler's `triggerTask`). */
  triggerFullVerification?: () => Promise<void>;
}

function mergeFullRun(
  result: AuditVerification,
  full: FullAuditVerification,
): AuditVerification {
  if (full.valid !== false) {
    return { ...result, fullVerification: full };
  }
  const seen = new Set(result.breaks.map(b => `${b.kind}:${b.sequence}`));
  const extra: AuditBreak[] = full.breaks.filter(
    b => !seen.has(`${b.kind}:${b.sequence}`),
  );
  const breaks = [...result.breaks, ...extra]
    .sort((a, b) => a.sequence - b.sequence || a.kind.localeCompare(b.kind))
    .slice(0, 100);
  return {
    ...result,
    valid: false,
    breaks,
    breakCount:
      result.breakCount + extra.length + (full.breakCount - full.breaks.length),
    firstBrokenSequence: breaks[0].sequence,
    reason: breaks[0].message,
    fullVerification: full,
  };
}

/**
 * Reads the audit trail and checks its hash chain: incrementally from the newest verified
 * checkpoint on request, fully in the background ({@link runFullVerification}), and takes signed
 * checkpoints of the head ({@link takeCheckpoint}). Remembers the newest checkpoint it has seen,
 * so a rewind is caught even when the stored checkpoints were deleted with the events.
 */
export class AuditService {
  private remembered?: AuditCheckpoint;
  private readonly keyring: AuditKeyring;
  private readonly clock: () => Date;

  constructor(
    private readonly stores: Stores,
    private readonly options: AuditServiceOptions = {
      keyring: AuditKeyring.unkeyed(),
    },
  ) {
    this.keyring = options.keyring;
    this.clock = options.clock ?? (() => new Date());
  }

  async list(options: {
    entityRef?: string;
    limit: number;
    cursor?: string;
  }): Promise<Page<AuditEvent>> {
    let beforeSequence: number | undefined;
    if (options.cursor !== undefined) {
      // Only the decimal sequence numbers this API issues: no 1e3, 0x10, 1e308 or digits beyond 2^53.
      beforeSequence = /^[1-9][0-9]{0,15}$/.test(options.cursor)
        ? Number(options.cursor)
        : NaN;
      if (!Number.isSafeInteger(beforeSequence)) {
        throw new InputError(
          'cursor: is not a cursor this API returned; pass nextCursor from the previous page',
        );
      }
    }
    const events = await this.stores.audit.list({
      entityRef: options.entityRef,
      limit: options.limit + 1,
      beforeSequence,
    });
    const hasMore = events.length > options.limit;
    const items = hasMore ? events.slice(0, options.limit) : events;
    return {
      items,
      ...(hasMore
        ? { nextCursor: String(items[items.length - 1].sequence) }
        : {}),
    };
  }

  /** The newest checkpoint this process has taken or seen verified. */
  get newestCheckpoint(): AuditCheckpoint | undefined {
    return this.remembered;
  }

  private remember(checkpoint: AuditCheckpoint) {
    if (!this.remembered || checkpoint.sequence > this.remembered.sequence) {
      this.remembered = checkpoint;
    }
  }

  private anchors(supplied?: AuditCheckpoint): AuditAnchor[] {
    return [
      ...(this.remembered
        ? [{ checkpoint: this.remembered, source: 'remembered' as const }]
        : []),
      ...(this.options.configuredCheckpoint
        ? [
            {
              checkpoint: this.options.configuredCheckpoint,
              source: 'configured' as const,
            },
          ]
        : []),
      ...(supplied
        ? [{ checkpoint: supplied, source: 'supplied' as const }]
        : []),
    ];
  }

  /**
   * Checks the chain from the newest verified checkpoint (stored, remembered or `checkpoint`, a
   * token the caller kept) to the head, every known checkpoint against the chain, and includes
   * the last full re-verification's result.
   */
  async verify(
    options: { checkpoint?: string } = {},
  ): Promise<AuditVerification> {
    const supplied =
      options.checkpoint === undefined
        ? undefined
        : decodeAuditCheckpointToken(options.checkpoint, this.keyring);
    const result = await verifyAuditChain({
      chain: this.stores.audit,
      keyring: this.keyring,
      mode: 'incremental',
      anchors: this.anchors(supplied),
    });
    if (result.valid && supplied) {
      this.remember(supplied);
    }
    if (result.valid && result.startedAfter?.source === 'stored') {
      const stored = await this.stores.audit.checkpoints.newest({
        verifiedOnly: true,
      });
      if (stored?.sequence === result.startedAfter.sequence) {
        this.remember(stored);
      }
    }
    return mergeFullRun(
      result,
      await this.stores.audit.checkpoints.readFullVerification(),
    );
  }

  /**
   * Verifies the chain incrementally and, when it holds and the head moved, stores a signed
   * checkpoint of the head, logs it and publishes it. Run by one replica at a time (scheduler).
   */
  async takeCheckpoint(): Promise<AuditCheckpoint | undefined> {
    const result = await verifyAuditChain({
      chain: this.stores.audit,
      keyring: this.keyring,
      mode: 'incremental',
      anchors: this.anchors(),
    });
    if (!result.valid) {
      this.options.logger?.error(
        `Audit chain verification failed, no checkpoint taken: ${result.breakCount} break(s), first: ${result.reason}`,
      );
      return undefined;
    }
    return this.checkpointAt(result.throughSequence, result.throughHash);
  }

  private async checkpointAt(
    sequence: number,
    headHash: string,
  ): Promise<AuditCheckpoint | undefined> {
    const newest = await this.stores.audit.checkpoints.newest({
      verifiedOnly: true,
    });
    if (newest && newest.sequence >= sequence) {
      return undefined;
    }
    const checkpoint = signAuditCheckpoint(this.keyring, {
      sequence,
      headHash,
      createdAt: canonicalAuditTimestamp(this.clock()),
      verified: true,
    });
    await this.stores.audit.checkpoints.add(checkpoint);
    this.remember(checkpoint);
    this.options.logger?.info(
      `Audit checkpoint: sequence=${checkpoint.sequence} head=${checkpoint.headHash} key=${checkpoint.keyId} ` +
        `signature=${checkpoint.signature} token=${checkpoint.token}`,
    );
    try {
      await this.options.publishCheckpoint?.(checkpoint);
    } catch (error) {
      this.options.logger?.warn(
        `Publishing audit checkpoint ${checkpoint.sequence} failed: ${error}`,
      );
    }
    return checkpoint;
  }

  /**
   * Asks the scheduler to run the full re-verification now; answers its current state. A run
   * already under way is left to finish.
   */
  async requestFullVerification(): Promise<FullAuditVerification> {
    const before = await this.stores.audit.checkpoints.readFullVerification();
    if (before.state !== 'running') {
      if (!this.options.triggerFullVerification) {
        throw new Error('full verification is not scheduled');
      }
      try {
        await this.options.triggerFullVerification();
      } catch (error) {
        if ((error as Error)?.name !== 'ConflictError') {
          throw error;
        }
      }
    }
    return this.stores.audit.checkpoints.readFullVerification();
  }

  /**
   * Re-verifies every event and stored checkpoint, recording progress after each page of 1,000
   * events in the database (shown by `GET /audit/verify`) and in the log; checkpoints the head
   * when the chain holds. Run by one replica at a time (scheduler).
   */
  async runFullVerification(): Promise<AuditVerification> {
    const checkpoints = this.stores.audit.checkpoints;
    const previous = await checkpoints.readFullVerification();
    const startedAt = canonicalAuditTimestamp(this.clock());
    const head = await this.stores.audit.readHead();
    const running: FullAuditVerification = {
      ...previous,
      state: 'running',
      startedAt,
      targetSequence: head.sequence,
      checkedEvents: 0,
    };
    await checkpoints.writeFullVerification(running);
    this.options.logger?.info(
      `Audit full verification started: ${head.sequence} events`,
    );
    let pages = 0;
    const result = await verifyAuditChain({
      chain: this.stores.audit,
      keyring: this.keyring,
      mode: 'full',
      anchors: this.anchors(),
      onProgress: async progress => {
        pages += 1;
        await checkpoints.writeFullVerification({
          ...running,
          checkedEvents: progress.checkedEvents,
        });
        if (pages % 100 === 0) {
          this.options.logger?.info(
            `Audit full verification: ${progress.checkedEvents}/${progress.targetSequence} events checked`,
          );
        }
      },
    });
    const finished: FullAuditVerification = {
      state: 'finished',
      startedAt,
      finishedAt: canonicalAuditTimestamp(this.clock()),
      targetSequence: result.throughSequence,
      checkedEvents: result.checkedEvents,
      valid: result.valid,
      breakCount: result.breakCount,
      breaks: result.breaks,
    };
    await checkpoints.writeFullVerification(finished);
    if (result.valid) {
      this.options.logger?.info(
        `Audit full verification finished: ${result.checkedEvents} events, chain holds`,
      );
      await this.checkpointAt(result.throughSequence, result.throughHash);
    } else {
      this.options.logger?.error(
        `Audit full verification finished: ${result.breakCount} break(s) in ${result.checkedEvents} events; first: ${result.reason}`,
      );
    }
    return { ...result, fullVerification: finished };
  }
}
