import { randomUUID } from 'node:crypto';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '../__testUtils__/testStores';
import { DatabaseStores } from './DatabaseStores';
import { AuditKeyring } from '../audit/AuditKeyring';
import { GENESIS_HASH, legacyAuditEventHash } from '../audit/auditEventHash';

const directory = resolvePackagePath(
  '@release-orchestration/plugin-release-orchestration-backend',
  'migrations',
);
const name = '20261206010000_audit_keys.js';

jest.setTimeout(60_000);

describe('migration 20261206010000_audit_keys', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'keeps events written before it verifying, and its down removes what it added, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory });
      await knex.migrate.down({ directory, name });
      expect(await knex.schema.hasColumn('audit_events', 'key_id')).toBe(false);
      expect(await knex.schema.hasTable('audit_checkpoints')).toBe(false);
      expect(await knex.schema.hasTable('audit_verification')).toBe(false);

      // Two events as the store wrote them before keys: sha256 over millisecond times.
      let prevHash = GENESIS_HASH;
      for (const sequence of [1, 2]) {
        const row = {
          sequence,
          id: randomUUID(),
          actor: 'user:default/alice',
          action: 'release.created',
          entity_ref: 'system:default/shop',
          subject_type: 'release',
          subject_id: `r${sequence}`,
          summary: `Release r${sequence}`,
          data: null,
          created_at: `2026-10-0${sequence}T00:00:00.000Z`,
          prev_hash: prevHash,
        };
        prevHash = legacyAuditEventHash(row);
        await knex('audit_events').insert({ ...row, hash: prevHash });
      }
      await knex('audit_head')
        .where({ id: 1 })
        .update({ last_sequence: 2, last_hash: prevHash });

      await knex.migrate.up({ directory, name });
      const keyring = AuditKeyring.of([
        { id: 'k1', secret: 'the-test-secret-0123456789' },
      ]);
      const stores = DatabaseStores.fromKnex(knex, { keyring });
      await stores.transaction(tx =>
        tx.audit.append({
          actor: 'user:default/bob',
          action: 'release.created',
          entityRef: 'system:default/shop',
          subjectType: 'release',
          subjectId: 'r3',
          summary: 'Release r3',
          createdAt: '2026-10-03T00:00:00.000Z',
        }),
      );
      expect(await stores.audit.verify()).toMatchObject({
        valid: true,
        checkedEvents: 3,
        legacyEvents: 2,
      });
      expect(
        await knex('audit_events').orderBy('sequence').pluck('key_id'),
      ).toEqual([null, null, 'k1']);
      expect(
        await stores.audit.checkpoints.readFullVerification(),
      ).toMatchObject({ state: 'never', breakCount: 0 });
    },
  );
});
