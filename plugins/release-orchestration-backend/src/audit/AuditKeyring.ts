import { createHash, createHmac } from 'node:crypto';
import { Config } from '@backstage/config';
import { LoggerService } from '@backstage/backend-plugin-api';

/** The key id stored on events and checkpoints hashed with plain sha256 because no key was configured. */
export const UNKEYED = 'unkeyed';

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const MIN_SECRET_LENGTH = 16;

/**
 * The secrets the audit chain is keyed with (`releaseOrchestration.audit.keys`), which the
 * database does not hold: every event and checkpoint is HMAC-SHA256 with the active key and names
 * it, so a key can be rotated by adding one and switching `activeKeyId` while older events keep
 * verifying with theirs. Without keys, hashes are plain sha256 ({@link UNKEYED}): tamper-evident
 * against accidental edits, not against someone who can write to the database.
 */
export class AuditKeyring {
  private constructor(
    private readonly secrets: ReadonlyMap<string, string>,
    /** The id new events are hashed with: a configured key, or {@link UNKEYED}. */
    readonly activeKeyId: string,
  ) {}

  /** Reads `releaseOrchestration.audit`; warns loudly when no key is configured. */
  static fromConfig(config: Config, logger?: LoggerService): AuditKeyring {
    const audit = config.getOptionalConfig('releaseOrchestration.audit');
    const keys = (audit?.getOptionalConfigArray('keys') ?? []).map(key => ({
      id: key.getString('id'),
      secret: key.getString('secret'),
    }));
    const keyring = AuditKeyring.of(
      keys,
      audit?.getOptionalString('activeKeyId'),
    );
    if (!keyring.keyed) {
      logger?.warn(
        'releaseOrchestration.audit.keys is not configured: the audit chain is hashed without a key, so it ' +
          'shows accidental edits but not a rewrite by someone with database access. Configure a key ' +
          '(see the README, Security > Audit trail).',
      );
    }
    return keyring;
  }

  /** A keyring of the given keys; `activeKeyId` may be left out when there is one key. */
  static of(
    keys: Array<{ id: string; secret: string }>,
    activeKeyId?: string,
  ): AuditKeyring {
    const secrets = new Map<string, string>();
    for (const [index, { id, secret }] of keys.entries()) {
      const field = `releaseOrchestration.audit.keys[${index}]`;
      if (!KEY_ID.test(id) || id === UNKEYED) {
        throw new Error(
          `${field}.id must be 1-64 letters, digits, '.', '_' or '-' and not '${UNKEYED}', got '${id}'`,
        );
      }
      if (secrets.has(id)) {
        throw new Error(`${field}.id '${id}' is configured twice`);
      }
      if (secret.length < MIN_SECRET_LENGTH) {
        throw new Error(
          `${field}.secret must be at least ${MIN_SECRET_LENGTH} characters`,
        );
      }
      secrets.set(id, secret);
    }
    if (activeKeyId !== undefined && !secrets.has(activeKeyId)) {
      throw new Error(
        `releaseOrchestration.audit.activeKeyId '${activeKeyId}' is not one of the configured keys`,
      );
    }
    if (activeKeyId === undefined && secrets.size > 1) {
      throw new Error(
        'releaseOrchestration.audit.activeKeyId is required when several keys are configured',
      );
    }
    return new AuditKeyring(
      secrets,
      activeKeyId ?? secrets.keys().next().value ?? UNKEYED,
    );
  }

  /** No keys: every hash is plain sha256. */
  static unkeyed(): AuditKeyring {
    return new AuditKeyring(new Map(), UNKEYED);
  }

  /** Whether new events are keyed. */
  get keyed(): boolean {
    return this.activeKeyId !== UNKEYED;
  }

  /** Whether events hashed with this key id can be verified here. */
  knows(keyId: string): boolean {
    return keyId === UNKEYED || this.secrets.has(keyId);
  }

  /** HMAC-SHA256 (plain sha256 for {@link UNKEYED}) of `payload` in hex; undefined for an unknown key. */
  hash(keyId: string, payload: string): string | undefined {
    if (keyId === UNKEYED) {
      return createHash('sha256').update(payload).digest('hex');
    }
    const secret = this.secrets.get(keyId);
    return secret === undefined
      ? undefined
      : createHmac('sha256', secret).update(payload).digest('hex');
  }
}
