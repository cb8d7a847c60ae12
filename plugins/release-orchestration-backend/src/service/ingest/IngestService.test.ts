import { ImportRecord } from '@release-orchestration/plugin-release-orchestration-common';
import { buildInput } from '../../__testUtils__/fixtures';
import {
  deployment,
  history,
  importer,
  storedState,
} from '../../__testUtils__/ingestHarness';
import { createTestDatabases } from '../../__testUtils__/testStores';
import { ingestRejection } from './ingestRejection';
import { IngestResult } from './IngestService';

jest.setTimeout(180_000);

const context = { actor: 'service:importer', source: 'import' };

const answer = (r: IngestResult) =>
  r.outcome === 'rejected'
    ? [r.kind, r.outcome, r.status, r.error]
    : [r.kind, r.outcome];

describe('IngestService', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('answers and stores a batch exactly as the single reports, one audit event per change', async () => {
      const records = history();
      const batched = await importer(databases, databaseId);
      const batchAnswers = await batched.ingest.ingest(records, context);

      const single = await importer(databases, databaseId);
      const singleAnswers: IngestResult[] = [];
      for (const record of records) {
        try {
          singleAnswers.push(await single.ingest.record(record, context));
        } catch (error) {
          singleAnswers.push({
            kind: record.kind,
            outcome: 'rejected',
            ...ingestRejection(error)!,
          });
        }
      }

      expect(batchAnswers.map(answer)).toEqual(singleAnswers.map(answer));
      const outcomes = batchAnswers.map(r => r.outcome);
      expect(outcomes.filter(o => o === 'rejected')).toHaveLength(3);
      expect(outcomes.filter(o => o === 'finished')).toHaveLength(1);
      expect(outcomes.filter(o => o === 'unchanged')).toHaveLength(2);

      const state = await storedState(batched.knex);
      expect(state).toEqual(await storedState(single.knex));
      expect(state.builds).toHaveLength(12);
      expect(state.facts).toHaveLength(14);
      expect(
        state.facts
          .filter(f => f.failure_started_at)
          .map(f => f.idempotency_key),
      ).toEqual(['cd:3:failed', 'cd:5:production', 'cd:9:production']);
      expect(
        state.facts.filter(f => f.rolled_back_by).map(f => f.rolled_back_by),
      ).toEqual(['cd:9:rollback']);
      // Each build brings its listed commit and its head commit to production.
      expect(state.leadTimes).toHaveLength(24);
      expect(state.running.map(r => r.version)).toEqual([
        '1.11.0',
        '1.10.0',
        '1.11.0',
        '1.10.0',
        '1.11.0',
        '1.10.0',
      ]);
      expect(
        state.audit.filter(a => a === 'build build.reported'),
      ).toHaveLength(12);

      // Re-sending the history writes nothing and answers each line as before, repeats unchanged.
      const again = await batched.ingest.ingest(records, context);
      expect(
        again.filter(r => r.outcome === 'created' || r.outcome === 'finished'),
      ).toEqual([]);
      expect(await storedState(batched.knex)).toEqual(state);
    });

    it('records several successes of a System in one DORA wave when none can restore a failure or take over an incident, as single reports would', async () => {
      const at = (minutes: number) =>
        new Date(
          Date.parse('2026-10-01T00:00:00Z') + minutes * 60_000,
        ).toISOString();
      // Six versions of both components of the shop, all succeeded: one wave for the System.
      const successes: ImportRecord[] = [];
      for (let i = 0; i < 6; i++) {
        for (const component of ['api', 'web']) {
          successes.push({
            kind: 'build',
            report: buildInput(component, `3.${i}.0`, {
              commitTime: at(i * 60),
            }),
          });
          successes.push(
            deployment(
              `w:${component}:${i}`,
              component,
              `3.${i}.0`,
              'production',
              at(i * 60 + (component === 'api' ? 10 : 20)),
            ),
          );
        }
      }
      // Then later deployments of one component, and an incident after the first of them.
      const later: ImportRecord[] = [];
      for (let i = 6; i < 9; i++) {
        later.push({
          kind: 'build',
          report: buildInput('api', `3.${i}.0`, { commitTime: at(i * 60) }),
        });
        later.push(
          deployment(
            `w:api:${i}`,
            'api',
            `3.${i}.0`,
            'production',
            at(i * 60 + 10),
          ),
        );
      }
      later.push({
        kind: 'incident',
        report: {
          source: 'pager',
          externalId: 'W-1',
          system: 'system:default/shop',
          environment: 'production',
          title: 'Slow',
          openedAt: at(400),
          resolvedAt: at(420),
        },
      } as ImportRecord);
      const batched = await importer(databases, databaseId);
      const single = await importer(databases, databaseId);
      const waves = async (records: ImportRecord[]) => {
        let locks = 0;
        const count = (query: { sql?: string }) => {
          if (/insert into [`"]?dora_deployment_facts/i.test(query.sql ?? '')) {
            locks += 1;
          }
        };
        batched.knex.on('query', count);
        const answers = await batched.ingest.ingest(records, context);
        batched.knex.removeListener('query', count);
        const singleAnswers: IngestResult[] = [];
        for (const record of records) {
          singleAnswers.push(await single.ingest.record(record, context));
        }
        expect(answers.map(answer)).toEqual(singleAnswers.map(answer));
        return locks;
      };
      // Twelve production deployments of one System (in batches of 7 records here): fewer waves.
      expect(await waves(successes)).toBeLessThan(12);
      expect(await storedState(batched.knex)).toEqual(
        await storedState(single.knex),
      );
      // One component's deployments take turns (their lead times read each other).
      expect(await waves(later)).toBe(3);
      const state = await storedState(batched.knex);
      expect(state).toEqual(await storedState(single.knex));
      expect(state.incidents).toEqual([
        { external_id: 'W-1', idempotency_key: 'w:api:6' },
      ]);
      expect(state.leadTimes).toHaveLength(15);
    });

    it('attributes an incident that precedes, in the stream, an earlier production deployment as one at a time would, in fewer statements', async () => {
      const at = (minutes: number) =>
        new Date(
          Date.parse('2026-10-01T00:00:00Z') + minutes * 60_000,
        ).toISOString();
      const records: ImportRecord[] = [
        { kind: 'build', report: buildInput('api', '1.0.0') },
        deployment('d:1', 'api', '1.0.0', 'production', at(0)),
        {
          kind: 'incident',
          report: {
            source: 'pager',
            externalId: 'P-2',
            system: 'system:default/shop',
            environment: 'production',
            title: 'Latency',
            openedAt: at(60),
            resolvedAt: at(90),
          },
        } as ImportRecord,
        // Reported after the incident, but it finished before the incident opened.
        { kind: 'build', report: buildInput('web', '2.0.0') },
        deployment('d:2', 'web', '2.0.0', 'production', at(30)),
        {
          kind: 'incident',
          report: {
            source: 'pager',
            externalId: 'P-3',
            system: 'system:default/shop',
            environment: 'production',
            title: 'Errors',
            openedAt: at(120),
          },
        } as ImportRecord,
      ];
      const batched = await importer(databases, databaseId);
      let statements = 0;
      batched.knex.on('query', () => {
        statements += 1;
      });
      const batchAnswers = await batched.ingest.ingest(records, context);
      const batchStatements = statements;

      const single = await importer(databases, databaseId);
      const singleAnswers: IngestResult[] = [];
      statements = 0;
      single.knex.on('query', () => {
        statements += 1;
      });
      for (const record of records) {
        singleAnswers.push(await single.ingest.record(record, context));
      }
      expect(batchAnswers.map(answer)).toEqual(singleAnswers.map(answer));
      expect(batchStatements).toBeLessThan(statements);

      const state = await storedState(batched.knex);
      const singleState = await storedState(single.knex);
      expect(
        state.incidents.sort((a, b) =>
          a.external_id < b.external_id ? -1 : 1,
        ),
      ).toEqual([
        { external_id: 'P-2', idempotency_key: 'd:2' },
        { external_id: 'P-3', idempotency_key: 'd:2' },
      ]);
      // The same stored state; one at a time, P-2 first went to d:1 and was moved to d:2 (an
      // incident.attributed event), while the batch attributes it to d:2 when it records it.
      expect({ ...state, audit: [] }).toEqual({ ...singleState, audit: [] });
      expect(singleState.audit).toEqual(
        [...state.audit, 'incident incident.attributed'].sort(),
      );
    });
  });
});
