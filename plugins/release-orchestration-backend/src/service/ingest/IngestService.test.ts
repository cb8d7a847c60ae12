import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { ImportRecord } from '@release-orchestration/plugin-release-orchestration-common';
import { Knex } from 'knex';
import { FakeCatalog } from '../../__testUtils__/deploymentHarness';
import { buildInput } from '../../__testUtils__/fixtures';
import {
  createTestDatabases,
  createTestStores,
} from '../../__testUtils__/testStores';
import { BuildService } from '../BuildService';
import { DeploymentService } from '../DeploymentService';
import { DoraFactRecorder } from '../dora/DoraFactRecorder';
import { EventPublisher } from '../EventPublisher';
import { IncidentService } from '../incidents/IncidentService';
import { ingestRejection } from './ingestRejection';
import { IngestResult, IngestService } from './IngestService';

jest.setTimeout(180_000);

const LANES = ['dev', 'staging', 'production'];
const context = { actor: 'service:importer', source: 'import' };

function deployment(
  key: string,
  component: string,
  version: string,
  environment: string,
  at: string,
  extra: object = {},
): ImportRecord {
  return {
    kind: 'deployment',
    report: {
      idempotencyKey: key,
      environment,
      component: `component:default/${component}`,
      version,
      status: 'succeeded',
      startedAt: at,
      finishedAt: at,
      rollback: false,
      hotfix: false,
      ...extra,
    },
  } as ImportRecord;
}

/** A history with repeats, a conflicting digest, a started-then-finished key, a bad lane and an incident. */
function history(): ImportRecord[] {
  const records: ImportRecord[] = [];
  for (let i = 0; i < 12; i++) {
    const component = i % 2 ? 'api' : 'web';
    const version = `1.${i}.0`;
    const at = new Date(
      Date.parse('2026-10-01T00:00:00Z') + i * 3_600_000,
    ).toISOString();
    records.push({
      kind: 'build',
      report: buildInput(component, version, {
        commitTime: at,
        commits: [
          { sha: `${i}`.padStart(40, 'c'), time: at, message: `change ${i}` },
        ],
      }),
    });
    for (const lane of LANES) {
      records.push(deployment(`cd:${i}:${lane}`, component, version, lane, at));
    }
    if (i === 3) {
      // A failed production deployment, restored by the next success of the System.
      records.push(
        deployment(
          'cd:3:failed',
          component,
          version,
          'production',
          at.replace('00:00.000Z', '10:00.000Z'),
          { status: 'failed' },
        ),
      );
    }
    if (i === 9) {
      // A rollback to an earlier version: it replaces the deployment before it.
      records.push(
        deployment(
          'cd:9:rollback',
          component,
          '1.7.0',
          'production',
          at.replace('00:00.000Z', '20:00.000Z'),
          { rollback: true },
        ),
      );
    }
    if (i === 5) {
      records.push({
        kind: 'build',
        report: buildInput(component, version, { commitTime: at }),
      });
      records.push({
        kind: 'build',
        report: buildInput(component, version, {
          artifactDigest: `sha256:${'f'.repeat(64)}`,
        }),
      });
      records.push(
        deployment(`cd:${i}:production`, component, version, 'production', at),
      );
      records.push(
        deployment('cd:started', component, version, 'staging', at, {
          status: 'started',
          finishedAt: undefined,
        }),
      );
      records.push(deployment('cd:started', component, version, 'staging', at));
      records.push(deployment('cd:nowhere', component, version, 'qa', at));
      records.push(
        deployment('cd:elsewhere', component, version, 'production', at, {
          system: 'system:default/bank',
        }),
      );
      records.push({
        kind: 'incident',
        report: {
          source: 'pager',
          externalId: 'P-1',
          system: 'system:default/shop',
          environment: 'production',
          title: 'Checkout errors',
          openedAt: at.replace('00:00.000Z', '30:00.000Z'),
        },
      } as ImportRecord);
    }
  }
  return records;
}

async function importer(
  databases: ReturnType<typeof createTestDatabases>,
  databaseId: TestDatabaseId,
) {
  const { knex, stores } = await createTestStores(databases, databaseId);
  const catalog = new FakeCatalog(
    new Map([
      [
        'system:default/shop',
        ['component:default/api', 'component:default/web'],
      ],
      ['system:default/bank', ['component:default/ledger']],
    ]),
  );
  const logger = mockServices.logger.mock();
  const events = new EventPublisher([], logger);
  const promotions = {
    recordDeploymentOutcome: async () => {
      throw new Error('no promotions in this test');
    },
  };
  const deployments = new DeploymentService(
    stores,
    catalog,
    LANES,
    promotions,
    events,
  );
  deployments.observe(new DoraFactRecorder('production'));
  const ingest = new IngestService(
    {
      stores,
      catalog,
      events,
      logger,
      builds: new BuildService(stores, catalog, events),
      deployments,
      incidents: new IncidentService(
        stores,
        catalog,
        LANES,
        'production',
        events,
      ),
    },
    7,
  );
  return { knex, ingest };
}

/** What a user can tell apart: everything stored except generated ids and report times. */
async function storedState(knex: Knex) {
  const builds = await knex('builds')
    .orderBy(['component_ref', 'version'])
    .select('component_ref', 'version', 'artifact_digest', 'source');
  const commits = await knex('build_commits as c')
    .join('builds as b', 'b.id', 'c.build_id')
    .orderBy('c.sha')
    .select('b.version', 'c.sha', 'c.message');
  const deployments = await knex('deployments')
    .orderBy('idempotency_key')
    .select('idempotency_key', 'environment', 'status', 'system_ref', 'source');
  const running = await knex('running_components as r')
    .join('deployments as d', 'd.id', 'r.deployment_id')
    .orderBy(['r.environment', 'r.component_ref'])
    .select(
      'r.environment',
      'r.component_ref',
      'r.version',
      'd.idempotency_key',
    );
  const facts = await knex('dora_deployment_facts as f')
    .join('deployments as d', 'd.id', 'f.deployment_id')
    .leftJoin('deployments as rb', 'rb.id', 'f.rolled_back_by')
    .leftJoin('deployments as rs', 'rs.id', 'f.restored_by')
    .orderBy('d.idempotency_key')
    .select(
      'd.idempotency_key',
      'f.succeeded',
      'f.incident_count',
      'f.commit_data',
      'f.failure_started_at',
      'f.restored_at',
      'f.restores_service',
      'rb.idempotency_key as rolled_back_by',
      'rs.idempotency_key as restored_by',
    );
  const leadTimes = await knex('dora_lead_times as l')
    .join('deployments as d', 'd.id', 'l.deployment_id')
    .orderBy('l.sha')
    .select('l.sha', 'd.idempotency_key');
  const incidents = await knex('incidents as i')
    .leftJoin('deployments as d', 'd.id', 'i.deployment_id')
    .select('i.external_id', 'd.idempotency_key');
  const audit = (await knex('audit_events').select('action', 'subject_type'))
    .map(e => `${e.subject_type} ${e.action}`)
    .sort();
  return {
    builds,
    commits,
    deployments,
    running,
    facts,
    leadTimes,
    incidents,
    audit,
  };
}

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
