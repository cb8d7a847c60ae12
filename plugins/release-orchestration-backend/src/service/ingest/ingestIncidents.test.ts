import { ImportRecord } from '@release-orchestration/plugin-release-orchestration-common';
import { Knex } from 'knex';
import { buildInput } from '../../__testUtils__/fixtures';
import { importer as harnessImporter } from '../../__testUtils__/ingestHarness';
import { createTestDatabases } from '../../__testUtils__/testStores';
import { ingestRejection } from './ingestRejection';
import { INGEST_BATCH_SIZE, IngestResult } from './IngestService';

/** The ingest service in batches of the route's size. */
const importer = (
  databases: ReturnType<typeof createTestDatabases>,
  databaseId: Parameters<typeof harnessImporter>[1],
) => harnessImporter(databases, databaseId, { batchSize: INGEST_BATCH_SIZE });

jest.setTimeout(180_000);

const context = { actor: 'service:importer', source: 'import' };
const START = Date.parse('2026-10-01T00:00:00Z');
const at = (minutes: number) =>
  new Date(START + minutes * 60_000).toISOString();

/** Per System and version a build and its staging and production deployments, an hour apart. */
function deployments(versions: number): ImportRecord[] {
  const records: ImportRecord[] = [];
  for (let i = 0; i < versions; i++) {
    for (const [component, system] of [
      ['api', 'shop'],
      ['ledger', 'bank'],
    ]) {
      const version = `1.${i}.0`;
      records.push({
        kind: 'build',
        report: buildInput(component, version, { commitTime: at(i * 60) }),
      });
      for (const lane of ['staging', 'production']) {
        records.push({
          kind: 'deployment',
          report: {
            idempotencyKey: `${system}:${i}:${lane}`,
            environment: lane,
            component: `component:default/${component}`,
            version,
            // One version in five fails in production: a failure the incidents do not explain.
            status:
              lane === 'production' && i % 5 === 4 ? 'failed' : 'succeeded',
            startedAt: at(i * 60 + 5),
            finishedAt: at(i * 60 + (lane === 'production' ? 20 : 10)),
            rollback: false,
            hotfix: false,
          },
        } as ImportRecord);
      }
    }
  }
  return records;
}

function incident(
  externalId: string,
  system: string,
  openedMinutes: number,
  extra: object = {},
): ImportRecord {
  return {
    kind: 'incident',
    report: {
      source: 'pager',
      externalId,
      system: `system:default/${system}`,
      environment: 'production',
      title: `Incident ${externalId}`,
      openedAt: at(openedMinutes),
      ...extra,
    },
  } as ImportRecord;
}

/** The incidents, their attribution and the DORA facts, as a user can tell them apart. */
async function incidentState(knex: Knex) {
  const incidents = await knex('incidents as i')
    .leftJoin('deployments as d', 'd.id', 'i.deployment_id')
    .orderBy('i.external_id')
    .select(
      'i.external_id',
      'i.system_ref',
      'i.environment',
      'i.title',
      'i.opened_at',
      'i.resolved_at',
      'i.attribution',
      'i.release_id',
      'i.reported_by',
      'd.idempotency_key',
    );
  const facts = await knex('dora_deployment_facts as f')
    .join('deployments as d', 'd.id', 'f.deployment_id')
    .leftJoin('deployments as rs', 'rs.id', 'f.restored_by')
    .orderBy('d.idempotency_key')
    .select(
      'd.idempotency_key',
      'f.succeeded',
      'f.incident_count',
      'f.failure_started_at',
      'f.restored_at',
      'f.restores_service',
      'f.commit_data',
      'rs.idempotency_key as restored_by',
    );
  const audit = (
    await knex('audit_events')
      .where('subject_type', 'incident')
      .orderBy('sequence')
      .select('action', 'subject_id', 'data')
  ).map(e => {
    const data = typeof e.data === 'string' ? JSON.parse(e.data) : e.data;
    return `${e.action} ${data.externalId}`;
  });
  return { incidents, facts, audit };
}

const answer = (r: IngestResult) =>
  r.outcome === 'rejected'
    ? [r.kind, r.outcome, r.status, r.error]
    : [r.kind, r.outcome];

describe('IngestService incidents', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('stores a run of incidents (attribution, DORA facts, audit) exactly as single reports do', async () => {
      const records = [
        ...deployments(10),
        // Before any deployment: not attributed.
        incident('P-0', 'shop', -30, { resolvedAt: at(-10) }),
        // Each after a production deployment; P-4 after a failed one (so to the success before
        // it), still open.
        incident('P-1', 'shop', 80, { resolvedAt: at(100) }),
        incident('P-2', 'shop', 85, { resolvedAt: at(130) }),
        incident('P-3', 'bank', 200, { resolvedAt: at(210) }),
        incident('P-4', 'bank', 270),
        incident('P-5', 'shop', 500, {
          resolvedAt: at(520),
          url: 'https://pager.example/P-5',
        }),
        // In staging, and one naming no deployment (applied alone).
        incident('S-1', 'shop', 320, {
          environment: 'staging',
          resolvedAt: at(330),
        }),
        incident('N-1', 'bank', 330, { deploymentId: null }),
        // A repeat in the same run (unchanged), an unknown System (refused before writing).
        incident('P-1', 'shop', 80, { resolvedAt: at(100) }),
        incident('X-1', 'nowhere', 100),
        // After the failed deployment of 1.9.0: attributed to the success before it.
        incident('P-6', 'bank', 600, { resolvedAt: at(610) }),
      ];
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
      expect(
        batchAnswers.filter(r => r.kind === 'incident').map(r => r.outcome),
      ).toEqual([
        'created',
        'created',
        'created',
        'created',
        'created',
        'created',
        'created',
        'created',
        'unchanged',
        'rejected',
        'created',
      ]);

      const state = await incidentState(batched.knex);
      expect(state).toEqual(await incidentState(single.knex));
      expect(
        state.incidents.map(i => [i.external_id, i.idempotency_key ?? null]),
      ).toEqual([
        ['N-1', null],
        ['P-0', null],
        ['P-1', 'shop:1:production'],
        ['P-2', 'shop:1:production'],
        ['P-3', 'bank:3:production'],
        ['P-4', 'bank:3:production'],
        ['P-5', 'shop:8:production'],
        ['P-6', 'bank:8:production'],
        ['S-1', 'shop:5:staging'],
      ]);
      expect(
        state.facts
          .filter(f => Number(f.incident_count) > 0)
          .map(f => [f.idempotency_key, Number(f.incident_count)]),
      ).toEqual([
        ['bank:3:production', 2],
        ['bank:8:production', 1],
        ['shop:1:production', 2],
        ['shop:8:production', 1],
      ]);
      expect(state.audit).toHaveLength(9);
    });

    it('takes a constant number of statements for a run of incidents, whatever their number', async () => {
      const history = deployments(12);
      // Incidents after distinct production deployments of both Systems, so each changes a fact.
      const incidents = (count: number) =>
        Array.from({ length: count }, (_, i) =>
          incident(
            `C-${i}`,
            i % 2 ? 'bank' : 'shop',
            Math.floor(i / 2) * 60 + 30,
            { resolvedAt: at(Math.floor(i / 2) * 60 + 40) },
          ),
        );
      const extra = async (count: number) => {
        const without = await importer(databases, databaseId);
        const before = without.statements();
        await without.ingest.ingest(history, context);
        const base = without.statements() - before;
        const withIncidents = await importer(databases, databaseId);
        const from = withIncidents.statements();
        const results = await withIncidents.ingest.ingest(
          [...history, ...incidents(count)],
          context,
        );
        expect(results.filter(r => r.outcome !== 'created')).toEqual([]);
        return withIncidents.statements() - from - base;
      };
      const few = await extra(4);
      const many = await extra(20);
      // Stored, unchanged check, attribution, insert, DORA failures of their deployments (read
      // facts, read incidents, write facts): a handful for the run, not one or more per incident.
      expect(few).toBeLessThanOrEqual(6);
      expect(many).toBe(few);
    });
  });
});
