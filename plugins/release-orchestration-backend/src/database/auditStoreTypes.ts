import {
  ApiResponseBody,
  AuditEvent,
} from '@release-orchestration/plugin-release-orchestration-common';
import { AuditCheckpoint } from '@release-orchestration/plugin-release-orchestration-node';
import { AuditKeyring } from '../audit/AuditKeyring';
import { AuditBreak, AuditChainResult } from '../audit/AuditChainVerifier';
import { StoredAuditEvent } from '../audit/auditEventHash';
import type { NewAuditEvent } from './types';

export type { NewAuditEvent };

/** Where the checkpoint a verification started after came from (`startedAfter.source` of the API). */
export type AuditAnchorSource = NonNullable<
  ApiResponseBody<'verifyAuditChain'>['startedAfter']
>['source'];

/** How the audit store hashes, and who hears of committed events. */
export interface AuditChainOptions {
  keyring: AuditKeyring;
  /** Called with the events of each committed transaction (Backstage's auditor); must not throw. */
  onCommitted?: (events: AuditEvent[]) => void;
}

/** Progress and result of the scheduled full re-verification. */
export interface FullAuditVerification {
  state: 'never' | 'running' | 'finished';
  startedAt?: string;
  finishedAt?: string;
  /** The chain head the run verifies up to. */
  targetSequence: number;
  checkedEvents: number;
  /** Of the last finished run. */
  valid?: boolean;
  breakCount: number;
  breaks: AuditBreak[];
}

/** Result of checking the hash chain. */
export interface AuditVerification extends AuditChainResult {
  /** `incremental`: from the newest verified checkpoint; `full`: every event. */
  mode: 'incremental' | 'full';
  /** The verified checkpoint the check started after, if any. */
  startedAfter?: {
    sequence: number;
    createdAt: string;
    source: AuditAnchorSource;
  };
  /** Whether new events are keyed (a key is configured). */
  keyed: boolean;
  /** What the answer does not cover, e.g. unkeyed events. */
  warnings: string[];
  /** The first break, for callers that read only one. */
  firstBrokenSequence?: number;
  reason?: string;
  /** The background full re-verification (the incremental check's `valid` includes its result). */
  fullVerification?: FullAuditVerification;
}

/** Reads of the chain for verification. */
export interface AuditChainReader {
  /** Stored events after `afterSequence` up to `throughSequence`, oldest first, `created_at` as stored text. */
  readChain(options: {
    afterSequence: number;
    throughSequence: number;
    limit: number;
  }): Promise<StoredAuditEvent[]>;
  readEvent(sequence: number): Promise<StoredAuditEvent | undefined>;
  /** Stored events whose subject is one of the given ids of each type, oldest first, at most `limit`. */
  readSubjectEvents(
    subjects: Array<{ type: string; ids: string[] }>,
    limit: number,
  ): Promise<StoredAuditEvent[]>;
  readHead(): Promise<{ sequence: number; hash: string }>;
  maxSequence(): Promise<number>;
  readonly checkpoints: AuditCheckpointStore;
}

/** Signed checkpoints of the chain head and the full re-verification's state. */
export interface AuditCheckpointStore {
  add(checkpoint: AuditCheckpoint): Promise<void>;
  /** The checkpoint with the highest sequence (taken last among equals). */
  newest(options?: {
    verifiedOnly?: boolean;
  }): Promise<AuditCheckpoint | undefined>;
  /** Checkpoints whose sequence is in [from, to]. */
  between(from: number, to: number): Promise<AuditCheckpoint[]>;
  readFullVerification(): Promise<FullAuditVerification>;
  writeFullVerification(state: FullAuditVerification): Promise<void>;
}

/** The append-only, hash-chained audit trail. */
export interface AuditStore extends AuditChainReader {
  append(event: NewAuditEvent): Promise<AuditEvent>;
  list(options: {
    entityRef?: string;
    limit: number;
    beforeSequence?: number;
  }): Promise<AuditEvent[]>;
  /** Re-verifies the whole chain and every stored checkpoint. */
  verify(): Promise<AuditVerification>;
}
