import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { AuditKeyring, UNKEYED } from './AuditKeyring';
import {
  decodeAuditCheckpointToken,
  signAuditCheckpoint,
} from './auditCheckpoints';

const secret = 'a-secret-of-enough-length';

describe('AuditKeyring', () => {
  it('reads keys and the active key from config', () => {
    const keyring = AuditKeyring.fromConfig(
      new ConfigReader({
        releaseOrchestration: {
          audit: {
            keys: [
              { id: 'k1', secret },
              { id: 'k2', secret: `${secret}-2` },
            ],
            activeKeyId: 'k2',
          },
        },
      }),
    );
    expect(keyring.activeKeyId).toBe('k2');
    expect(keyring.keyed).toBe(true);
    expect(keyring.hash('k1', 'x')).not.toBe(keyring.hash('k2', 'x'));
    expect(keyring.hash('k1', 'x')).toMatch(/^[0-9a-f]{64}$/);
    expect(keyring.hash('k3', 'x')).toBeUndefined();
  });

  it('uses the only key without activeKeyId, and warns loudly without keys', () => {
    expect(AuditKeyring.of([{ id: 'only', secret }]).activeKeyId).toBe('only');
    const logger = mockServices.logger.mock();
    const unkeyed = AuditKeyring.fromConfig(new ConfigReader({}), logger);
    expect(unkeyed.activeKeyId).toBe(UNKEYED);
    expect(unkeyed.keyed).toBe(false);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('audit chain is hashed without a key'),
    );
  });

  it('refuses a config it cannot use safely, naming the field', () => {
    expect(() => AuditKeyring.of([{ id: 'k1', secret: 'short' }])).toThrow(
      'releaseOrchestration.audit.keys[0].secret must be at least 16 characters',
    );
    expect(() =>
      AuditKeyring.of([
        { id: 'k1', secret },
        { id: 'k1', secret },
      ]),
    ).toThrow('configured twice');
    expect(() => AuditKeyring.of([{ id: UNKEYED, secret }])).toThrow(
      'keys[0].id',
    );
    expect(() =>
      AuditKeyring.of([
        { id: 'k1', secret },
        { id: 'k2', secret },
      ]),
    ).toThrow('activeKeyId is required');
    expect(() => AuditKeyring.of([{ id: 'k1', secret }], 'k9')).toThrow(
      "activeKeyId 'k9' is not one of",
    );
  });
});

describe('audit checkpoint tokens', () => {
  const keyring = AuditKeyring.of([{ id: 'k1', secret }]);
  const checkpoint = signAuditCheckpoint(keyring, {
    sequence: 42,
    headHash: 'a'.repeat(64),
    createdAt: '2026-12-06T00:00:00.000000Z',
    verified: true,
  });

  it('round-trips a signed checkpoint', () => {
    expect(decodeAuditCheckpointToken(checkpoint.token, keyring)).toEqual(
      checkpoint,
    );
  });

  it('refuses an altered, foreign or malformed token as a 400 naming the parameter', () => {
    const fields = JSON.parse(
      Buffer.from(checkpoint.token, 'base64url').toString(),
    );
    fields[0] = 41;
    const altered = Buffer.from(JSON.stringify(fields)).toString('base64url');
    expect(() => decodeAuditCheckpointToken(altered, keyring)).toThrow(
      'checkpoint: signature does not verify',
    );
    const other = AuditKeyring.of([{ id: 'k1', secret: `${secret}-other` }]);
    expect(() => decodeAuditCheckpointToken(checkpoint.token, other)).toThrow(
      'signature does not verify',
    );
    expect(() =>
      decodeAuditCheckpointToken(checkpoint.token, AuditKeyring.unkeyed()),
    ).toThrow("key 'k1', which is not configured");
    expect(() => decodeAuditCheckpointToken('bm90IGpzb24', keyring)).toThrow(
      'checkpoint: is not a checkpoint token',
    );
    expect(() => decodeAuditCheckpointToken('', keyring)).toThrow(
      expect.objectContaining({ name: 'InputError' }),
    );
  });
});
