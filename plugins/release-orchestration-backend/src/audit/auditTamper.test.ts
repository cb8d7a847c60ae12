import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import { TestDatabaseId } from '@backstage/backend-test-utils';
import { applyMigrations, DatabaseStores } from '../database/DatabaseStores';
import { createTestDatabases } from '../__testUtils__/testStores';
import { AuditService } from '../service/AuditService';
import { AuditKeyring } from './AuditKeyring';
import {
  auditEventHash,
  legacyAuditEventHash,
  StoredAuditEvent,
} from './auditEventHash';

jest.setTimeout(120_000);

const keyring = AuditKeyring.of([
  { id: 'k1', secret: 'the-test-secret-0123456789' },
]);
const attackerKey = AuditKeyring.of([
  { id: 'k1', secret: 'not-the-secret-9876543210' },
]);

const event = (n: number) => ({
  actor: 'user:default/alice',
  action: 'release.created',
  entityRef: 'system:default/shop',
  subjectType: 'release',
  subjectId: `r${n}`,
  summary: `Release r${n}`,
  data: { n },
  createdAt: new Date(Date.UTC(2026, 9, 1) + n * 1000).toISOString(),
});

describe('audit chain tampering', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup(
      count: number,
      options: { keys?: AuditKeyring; id?: TestDatabaseId } = {},
    ) {
      const knex = await databases.init(options.id ?? databaseId);
      await applyMigrations(knex);
      const stores = DatabaseStores.fromKnex(knex, {
        keyring: options.keys ?? keyring,
      });
      await appendEvents(stores, 1, count);
      return {
        knex,
        stores,
        audit: new AuditService(stores, { keyring: options.keys ?? keyring }),
      };
    }

    async function appendEvents(
      stores: DatabaseStores,
      from: number,
      to: number,
    ) {
      for (let start = from; start <= to; start += 500) {
        await stores.transaction(async tx => {
          for (let n = start; n <= Math.min(to, start + 499); n++) {
            await tx.audit.append(event(n));
          }
        });
      }
    }

    async function row(
      stores: DatabaseStores,
      sequence: number,
    ): Promise<StoredAuditEvent> {
      return (await stores.audit.readEvent(sequence))!;
    }

    /** What someone with database access but without the key does: recompute hashes from `from` on. */
    async function recompute(
      knex: Knex,
      stores: DatabaseStores,
      from: number,
      keys: AuditKeyring,
      keyId?: string,
    ) {
      const head = await stores.audit.readHead();
      let prevHash = (await row(stores, from - 1)).hash;
      for (let s = from; s <= head.sequence; s++) {
        const r = await row(stores, s);
        const forged = { ...r, prev_hash: prevHash, key_id: keyId ?? r.key_id };
        const hash = auditEventHash(forged, keys)!;
        await knex('audit_events')
          .where({ sequence: s })
          .update({ prev_hash: prevHash, hash, key_id: forged.key_id });
        prevHash = hash;
      }
      await knex('audit_head').where({ id: 1 }).update({ last_hash: prevHash });
    }

    const kinds = (v: { breaks: Array<{ kind: string; sequence: number }> }) =>
      v.breaks.map(b => `${b.kind}@${b.sequence}`);

    it('verifies an untouched chain, keyed, and names every edited event', async () => {
      const { knex, stores } = await setup(8);
      expect(await stores.audit.verify()).toMatchObject({
        valid: true,
        checkedEvents: 8,
        breakCount: 0,
        keyed: true,
      });

      await knex('audit_events')
        .where({ sequence: 3 })
        .update({ summary: 'Release r3 (edited)' });
      await knex('audit_events')
        .where({ sequence: 6 })
        .update({ data: '{"n":60}' });
      await knex('audit_events')
        .where({ sequence: 7 })
        .update({ created_at: '2020-01-01T00:00:00.000Z' });
      const v = await stores.audit.verify();
      expect(v).toMatchObject({
        valid: false,
        breakCount: 3,
        firstBrokenSequence: 3,
      });
      expect(kinds(v)).toEqual(['altered@3', 'altered@6', 'altered@7']);
      expect(v.breaks[0].message).toContain(
        "does not match its hash under key 'k1'",
      );
    });

    it('names a deleted event, a reordered pair and the head moved forward', async () => {
      const { knex, stores } = await setup(10);
      await knex('audit_events').where({ sequence: 5 }).delete();
      // Swap events 7 and 8.
      await knex('audit_events')
        .where({ sequence: 7 })
        .update({ sequence: 1000 });
      await knex('audit_events').where({ sequence: 8 }).update({ sequence: 7 });
      await knex('audit_events')
        .where({ sequence: 1000 })
        .update({ sequence: 8 });
      await knex('audit_head').where({ id: 1 }).update({ last_sequence: 12 });
      const v = await stores.audit.verify();
      expect(kinds(v)).toEqual(
        expect.arrayContaining(['missing@5', 'reordered@7', 'head-ahead@11']),
      );
      expect(v.breaks.find(b => b.kind === 'missing')!.message).toBe(
        'event 5 missing: deleted from the chain',
      );
      expect(v.valid).toBe(false);
    });

    it('names an event inserted in the middle and one appended around the store', async () => {
      const { knex, stores } = await setup(6);
      for (let s = 6; s >= 4; s--) {
        await knex('audit_events')
          .where({ sequence: s })
          .update({ sequence: s + 1 });
      }
      const forged = {
        ...(await row(stores, 3)),
        sequence: 4,
        id: '00000000-0000-4000-8000-000000000004',
        summary: 'Approved by nobody',
        prev_hash: createHash('sha256').update('made up').digest('hex'),
      };
      await knex('audit_events').insert({
        ...forged,
        hash: auditEventHash(forged, attackerKey),
      });
      const last = await row(stores, 7);
      const appended = {
        ...last,
        sequence: 8,
        id: '00000000-0000-4000-8000-000000000008',
        prev_hash: last.hash,
      };
      await knex('audit_events').insert({
        ...appended,
        hash: auditEventHash(appended, attackerKey),
      });
      await knex('audit_head')
        .where({ id: 1 })
        .update({ last_sequence: 7, last_hash: last.hash });

      const v = await stores.audit.verify();
      expect(kinds(v)).toEqual(
        expect.arrayContaining(['inserted@4', 'altered@4', 'head-behind@8']),
      );
    });

    it('catches a rewind (last events deleted, head moved back) against the stored, remembered and a supplied checkpoint', async () => {
      const { knex, stores, audit } = await setup(6);
      const checkpoint = (await audit.takeCheckpoint())!;
      expect(checkpoint).toMatchObject({
        sequence: 6,
        keyId: 'k1',
        verified: true,
      });
      await appendEvents(stores, 7, 9);

      const rewind = async () => {
        await knex('audit_events').where('sequence', '>', 4).delete();
        const fourth = await row(stores, 4);
        await knex('audit_head')
          .where({ id: 1 })
          .update({ last_sequence: 4, last_hash: fourth.hash });
      };
      await rewind();
      expect(kinds(await stores.audit.verify())).toEqual(['rewound@5']);
      expect((await audit.verify()).breaks[0].message).toContain(
        'recorded 6 events; the chain now ends at 4',
      );

      // The stored checkpoints go too: this process remembers its own, a caller keeps the token.
      await knex('audit_checkpoints').delete();
      expect(kinds(await stores.audit.verify())).toEqual([]);
      expect(kinds(await audit.verify())).toEqual(['rewound@5']);
      const elsewhere = new AuditService(stores, { keyring });
      const supplied = await elsewhere.verify({ checkpoint: checkpoint.token });
      expect(supplied).toMatchObject({ valid: false });
      expect(supplied.breaks[0].message).toContain('the supplied checkpoint');
      const configured = new AuditService(stores, {
        keyring,
        configuredCheckpoint: checkpoint,
      });
      expect(kinds(await configured.verify())).toEqual(['rewound@5']);
    });

    it('catches a full recompute without the key: wrong key, plain sha256, or the legacy format', async () => {
      const { knex, stores, audit } = await setup(8);
      await audit.takeCheckpoint();

      await knex('audit_events')
        .where({ sequence: 3 })
        .update({ summary: 'Release r3 (rewritten)' });
      await recompute(knex, stores, 3, attackerKey);
      let v = await stores.audit.verify();
      expect(kinds(v)).toEqual([
        'altered@3',
        'altered@4',
        'altered@5',
        'altered@6',
        'altered@7',
        'altered@8',
        'rewritten@8',
      ]);

      await recompute(knex, stores, 3, AuditKeyring.unkeyed(), 'unkeyed');
      v = await stores.audit.verify();
      expect(kinds(v)).toEqual(
        expect.arrayContaining(['downgraded@3', 'downgraded@8', 'rewritten@8']),
      );
      expect(kinds(v)).not.toContain('altered@3');

      // The legacy (pre-key) format: plain sha256 over millisecond times.
      let prevHash = (await row(stores, 2)).hash;
      for (let s = 3; s <= 8; s++) {
        const r = { ...(await row(stores, s)), prev_hash: prevHash };
        await knex('audit_events')
          .where({ sequence: s })
          .update({ prev_hash: `y${s}`.padEnd(64, 'y') });
        prevHash = legacyAuditEventHash(r);
        await knex('audit_events')
          .where({ sequence: s })
          .update({ prev_hash: r.prev_hash, hash: prevHash, key_id: null });
      }
      await knex('audit_head').where({ id: 1 }).update({ last_hash: prevHash });
      v = await stores.audit.verify();
      expect(kinds(v)).toEqual(
        expect.arrayContaining(['downgraded@3', 'rewritten@8']),
      );
      expect(v.legacyEvents).toBe(6);
      expect(await audit.verify()).toMatchObject({ valid: false });
    });

    it('hashes exactly what is stored: lone surrogates, NUL and sub-millisecond times', async () => {
      const { knex, stores } = await setup(1);
      const appended = await stores.audit.append({
        ...event(2),
        actor: 'user:default/\u0000mallory',
        summary: 'Scan passed \ud800 (poisoned)',
        data: { summary: 'x\ud800y', nested: ['\udc00'] },
        createdAt: '2026-10-01T12:00:00.123456Z',
      });
      expect(appended.summary).toBe('Scan passed \uFFFD (poisoned)');
      const stored = await row(stores, 2);
      expect(stored.summary).toBe('Scan passed \uFFFD (poisoned)');
      expect(stored.actor).toBe('user:default/\uFFFDmallory');
      expect(stored.created_at).toBe('2026-10-01T12:00:00.123456Z');
      expect(await stores.audit.verify()).toMatchObject({
        valid: true,
        checkedEvents: 2,
      });

      // The microseconds are part of the hash: moving the time by 1 µs is an edit.
      await knex('audit_events')
        .where({ sequence: 2 })
        .update({ created_at: '2026-10-01T12:00:00.123457Z' });
      expect(kinds(await stores.audit.verify())).toEqual(['altered@2']);
    });

    it('verifies across the 1,000-event pages and names breaks at page boundaries and an event re-hashed in the middle', async () => {
      const { knex, stores, audit } = await setup(2345);
      expect(await stores.audit.verify()).toMatchObject({
        valid: true,
        checkedEvents: 2345,
        throughSequence: 2345,
      });

      await knex('audit_events')
        .where({ sequence: 1000 })
        .update({ summary: 'edited at the end of page 1' });
      await knex('audit_events')
        .where({ sequence: 1001 })
        .update({ summary: 'edited at the start of page 2' });
      // Someone holding the key edits event 1500 and re-hashes it, but not the events after it.
      await knex('audit_events')
        .where({ sequence: 1500 })
        .update({ summary: 'quietly re-hashed' });
      const rehashed = await row(stores, 1500);
      await knex('audit_events')
        .where({ sequence: 1500 })
        .update({ hash: auditEventHash(rehashed, keyring) });
      await knex('audit_events').where({ sequence: 2001 }).delete();

      const v = await stores.audit.verify();
      expect(kinds(v)).toEqual([
        'altered@1000',
        'altered@1001',
        'relinked@1501',
        'missing@2001',
      ]);
      expect(v.breaks[2].message).toContain('event 1500 was re-hashed');
      expect(v.checkedEvents).toBe(2344);
      expect((await audit.verify()).breakCount).toBe(4);
    });

    it('reports every break but keeps the answer bounded', async () => {
      const { knex, stores } = await setup(150);
      await knex('audit_events').update({ summary: 'all edited' });
      const v = await stores.audit.verify();
      expect(v.breakCount).toBe(150);
      expect(v.breaks).toHaveLength(100);
    });

    it('verifies incrementally from the newest verified checkpoint and runs a full re-verification with progress', async () => {
      const { knex, stores, audit } = await setup(1200);
      await audit.takeCheckpoint();
      await appendEvents(stores, 1201, 1210);
      const incremental = await audit.verify();
      expect(incremental).toMatchObject({
        valid: true,
        mode: 'incremental',
        checkedEvents: 10,
        fromSequence: 1201,
        startedAfter: { sequence: 1200, source: 'stored' },
        fullVerification: { state: 'never' },
      });

      // An edit before the checkpoint is outside the incremental check: the full run finds it,
      // and from then on every verify answer carries it.
      await knex('audit_events')
        .where({ sequence: 17 })
        .update({ summary: 'edited long ago' });
      expect((await audit.verify()).valid).toBe(true);
      const full = await audit.runFullVerification();
      expect(kinds(full)).toEqual(['altered@17']);
      const after = await audit.verify();
      expect(after).toMatchObject({
        valid: false,
        checkedEvents: 10,
        fullVerification: {
          state: 'finished',
          valid: false,
          checkedEvents: 1210,
          targetSequence: 1210,
          breakCount: 1,
        },
      });
      expect(kinds(after)).toEqual(['altered@17']);

      await knex('audit_events')
        .where({ sequence: 17 })
        .update({ summary: 'Release r17' });
      const repaired = await audit.runFullVerification();
      expect(repaired).toMatchObject({ valid: true, checkedEvents: 1210 });
      expect(await stores.audit.checkpoints.newest()).toMatchObject({
        sequence: 1210,
        verified: true,
      });
    });

    it('rotates keys: old events verify with their key, an unconfigured key is named', async () => {
      const { knex, stores } = await setup(3);
      const rotated = AuditKeyring.of(
        [
          { id: 'k1', secret: 'the-test-secret-0123456789' },
          { id: 'k2', secret: 'the-next-secret-0123456789' },
        ],
        'k2',
      );
      const next = DatabaseStores.fromKnex(knex, { keyring: rotated });
      await appendEvents(next, 4, 5);
      expect((await row(next, 5)).key_id).toBe('k2');
      expect(await next.audit.verify()).toMatchObject({
        valid: true,
        checkedEvents: 5,
      });
      expect(kinds(await stores.audit.verify())).toEqual([
        'unknown-key@4',
        'unknown-key@5',
      ]);
    });
  });
});
