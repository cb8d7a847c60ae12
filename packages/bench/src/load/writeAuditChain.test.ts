import { TestDatabases } from '@backstage/backend-test-utils';
import {
  applyMigrations,
  DatabaseStores,
} from '@release-orchestration/plugin-release-orchestration-backend/src/database/DatabaseStores';
import { AuditService } from '@release-orchestration/plugin-release-orchestration-backend/src/service/AuditService';
import { verifyAuditChain } from '@release-orchestration/plugin-release-orchestration-backend/src/audit/verifyAuditChain';
import {
  auditEventsAtScale,
  benchAuditKeyring,
  writeAuditChain,
} from './writeAuditChain';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'the generated audit chain on %p',
  databaseId => {
    it('verifies with the bench key, continues a chain, and the plugin checkpoints it; an edit is named', async () => {
      const knex = await databases.init(databaseId);
      await applyMigrations(knex);
      const stores = DatabaseStores.fromKnex(knex);
      const keyring = benchAuditKeyring();
      const audit = new AuditService(stores, { keyring });
      // An event the plugin wrote first: the generated chain links onto it.
      await stores.audit.append({
        actor: 'service:bench-ci',
        action: 'build.reported',
        entityRef: 'component:default/a',
        subjectType: 'build',
        subjectId: 'b1',
        summary: 'before',
        createdAt: '2026-01-01T00:00:00.000Z',
      });
      const written = await writeAuditChain(knex, {
        count: 2500,
        entityRefs: ['component:default/a', 'component:default/b'],
        from: '2025-01-01T00:00:00.000Z',
        to: '2026-01-01T00:00:00.000Z',
      });
      expect(written).toMatchObject({ events: 2500, headSequence: 2501 });
      expect(await stores.audit.readHead()).toMatchObject({ sequence: 2501 });

      const full = await verifyAuditChain({
        chain: stores.audit,
        keyring,
        mode: 'full',
      });
      expect(full).toMatchObject({ valid: true, checkedEvents: 2501 });
      // What bench:data does next: the plugin's checkpoint code verifies and signs the head.
      expect(await audit.takeCheckpoint()).toMatchObject({
        sequence: 2501,
        verified: true,
      });

      await knex('audit_events')
        .where({ sequence: 1700 })
        .update({ summary: 'edited' });
      const edited = await verifyAuditChain({
        chain: stores.audit,
        keyring,
        mode: 'full',
      });
      expect(edited.valid).toBe(false);
      expect(edited.breaks.map(b => `${b.kind}@${b.sequence}`)).toEqual([
        'altered@1700',
      ]);
    });
  },
);

describe('auditEventsAtScale', () => {
  it('is a million events at scale 1 (issue 16), proportionally less below', () => {
    expect(auditEventsAtScale(1)).toBe(1_000_000);
    expect(auditEventsAtScale(0.01)).toBe(10_000);
  });
});
