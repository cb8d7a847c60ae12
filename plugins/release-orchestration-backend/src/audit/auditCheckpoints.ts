import { InputError } from '@backstage/errors';
import { AuditCheckpoint } from '@release-orchestration/plugin-release-orchestration-node';
import { AuditKeyring } from './AuditKeyring';

type Unsigned = Pick<
  AuditCheckpoint,
  'sequence' | 'headHash' | 'createdAt' | 'keyId' | 'verified'
>;

function signaturePayload(c: Unsigned): string {
  return JSON.stringify([
    'checkpoint-v1',
    c.sequence,
    c.headHash,
    c.createdAt,
    c.keyId,
    c.verified,
  ]);
}

function withToken(c: Omit<AuditCheckpoint, 'token'>): AuditCheckpoint {
  const fields = [
    c.sequence,
    c.headHash,
    c.createdAt,
    c.keyId,
    c.verified,
    c.signature,
  ];
  return {
    ...c,
    token: Buffer.from(JSON.stringify(fields), 'utf8').toString('base64url'),
  };
}

/** Signs a checkpoint of the chain head with the active key. */
export function signAuditCheckpoint(
  keyring: AuditKeyring,
  head: {
    sequence: number;
    headHash: string;
    createdAt: string;
    verified: boolean;
  },
): AuditCheckpoint {
  const unsigned = { ...head, keyId: keyring.activeKeyId };
  return withToken({
    ...unsigned,
    signature: keyring.hash(unsigned.keyId, signaturePayload(unsigned))!,
  });
}

/** A stored checkpoint with its token; signature not checked. */
export function auditCheckpointOf(
  c: Omit<AuditCheckpoint, 'token'>,
): AuditCheckpoint {
  return withToken(c);
}

/** Whether a checkpoint's signature is the HMAC of its fields with its key (false for an unknown key). */
export function auditCheckpointSignatureValid(
  keyring: AuditKeyring,
  c: AuditCheckpoint,
): boolean {
  const expected = keyring.hash(c.keyId, signaturePayload(c));
  return expected !== undefined && expected === c.signature;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Reads a checkpoint token a caller passed back; refuses anything this plugin could not have signed. */
export function decodeAuditCheckpointToken(
  token: string,
  keyring: AuditKeyring,
  field = 'checkpoint',
): AuditCheckpoint {
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    fields = undefined;
  }
  if (
    !Array.isArray(fields) ||
    fields.length !== 6 ||
    !Number.isSafeInteger(fields[0]) ||
    fields[0] < 0 ||
    typeof fields[1] !== 'string' ||
    !HEX64.test(fields[1]) ||
    typeof fields[2] !== 'string' ||
    typeof fields[3] !== 'string' ||
    typeof fields[4] !== 'boolean' ||
    typeof fields[5] !== 'string'
  ) {
    throw new InputError(
      `${field}: is not a checkpoint token this plugin published`,
    );
  }
  const [sequence, headHash, createdAt, keyId, verified, signature] = fields;
  const checkpoint = withToken({
    sequence,
    headHash,
    createdAt,
    keyId,
    verified,
    signature,
  });
  if (!keyring.knows(keyId)) {
    throw new InputError(
      `${field}: is signed with key '${keyId}', which is not configured`,
    );
  }
  if (!auditCheckpointSignatureValid(keyring, checkpoint)) {
    throw new InputError(
      `${field}: signature does not verify; the checkpoint was altered or signed with another key`,
    );
  }
  return checkpoint;
}
