import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { ImportRecord } from '@release-orchestration/plugin-release-orchestration-common';
import { Knex } from 'knex';
import { BuildService } from '../service/BuildService';
import { DeploymentService } from '../service/DeploymentService';
import { DoraCatchUp } from '../service/dora/DoraCatchUp';
import { DoraFactRecorder } from '../service/dora/DoraFactRecorder';
import { EventPublisher } from '../service/EventPublisher';
import { IncidentService } from '../service/incidents/IncidentService';
import { IngestService } from '../service/ingest/IngestService';
import { shopAndBankCatalog } from './deploymentHarness';
import { buildInput } from './fixtures';
import { createTestDatabases, createTestStores } from './testStores';

export const LANES = ['dev', 'staging', 'production'];

/** A plain deployment of a component version as an import line. */
export function deployment(
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
export function history(): ImportRecord[] {
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

/** A clock from now that moves on by a millisecond each time it is read. */
function ticking(): () => Date {
  let at = Date.now();
  return () => new Date((at += 1));
}

/**
 * The ingest service over a fresh database of the shop (api, web) and the bank (ledger), in
 * batches of `batchSize` records (7 by default, so a history spans several), counting the
 * statements it sends.
 */
export async function importer(
  databases: ReturnType<typeof createTestDatabases>,
  databaseId: TestDatabaseId,
  options: { batchSize?: number; parallelism?: number } = {},
) {
  const { knex, stores } = await createTestStores(databases, databaseId);
  const catalog = shopAndBankCatalog();
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
  const recorder = new DoraFactRecorder('production');
  deployments.observe(recorder);
  const catchUp = new DoraCatchUp({ stores, recorder, events, logger });
  const ingest = new IngestService(
    {
      stores,
      catalog,
      events,
      logger,
      // Builds are ordered by when they arrived: a clock that moves on by a millisecond a call
      // keeps two batches of one import from sharing a millisecond (and their order from ties).
      builds: new BuildService(stores, catalog, events, ticking()),
      deployments,
      incidents: new IncidentService(
        stores,
        catalog,
        LANES,
        'production',
        events,
      ),
      // The test runs the catch-up itself.
      doraCatchUp: { importStarted: () => {}, importFinished: () => {} },
    },
    {
      batchSize: options.batchSize ?? 7,
      parallelism: options.parallelism ?? 1,
    },
  );
  let statements = 0;
  knex.on('query', () => {
    statements += 1;
  });
  return {
    knex,
    stores,
    ingest,
    catchUp,
    recorder,
    statements: () => statements,
  };
}

/** What a user can tell apart: everything stored except generated ids and report times. */
export async function storedState(knex: Knex) {
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
    .orderBy('i.external_id')
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

/** A small deterministic generator (an LCG), so a failing history can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/**
 * A generated history of the shop and the bank as an import: builds with one to three commits,
 * their staging and production deployments (some failed, some rollbacks to the version before),
 * incidents (some resolved). `inTimeOrder` lists every record at its time; `asImported` is the
 * same records with every fourth production deployment moved to the end, reported late (as a
 * migration that sends one tool's history after another's would). `count` records in all.
 */
export function generatedImport(
  seed: number,
  count = 80,
): {
  inTimeOrder: ImportRecord[];
  asImported: ImportRecord[];
} {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) =>
    items[Math.floor(next() * items.length)];
  const systems = {
    shop: ['api', 'web'],
    bank: ['ledger'],
  } as const;
  const built = new Map<string, number>();
  const live = new Map<string, number>();
  const inTimeOrder: ImportRecord[] = [];
  const late: ImportRecord[] = [];
  const onTime: ImportRecord[] = [];
  let t = Date.parse('2026-10-01T00:00:00.000Z');
  let productionDeployments = 0;
  const iso = (ms: number) => new Date(ms).toISOString();
  for (let i = 0; i < count; i++) {
    t += Math.round((0.5 + next() * 4) * 3_600_000);
    const system = pick(['shop', 'bank'] as const);
    const component = pick(systems[system]);
    const roll = next();
    let record: ImportRecord;
    if (roll < 0.4 || !built.has(component)) {
      const version = (built.get(component) ?? 0) + 1;
      built.set(component, version);
      const builtAt = t;
      const commits = Array.from(
        { length: 1 + Math.floor(next() * 3) },
        (_, c) => ({
          sha: `${component}-${version}-${c}`.padEnd(40, '0'),
          time: iso(builtAt - Math.round((1 + next() * 20) * 3_600_000)),
          message: `change ${c} of ${component} ${version}`,
        }),
      );
      record = {
        kind: 'build',
        report: buildInput(component, `1.${version}.0`, {
          commitTime: commits[commits.length - 1].time,
          commits,
        }),
      };
    } else if (roll < 0.88) {
      const newest = built.get(component)!;
      const current = live.get(component) ?? 0;
      const rollback = current > 1 && next() < 0.12;
      const version = rollback ? current - 1 : newest;
      const environment = next() < 0.3 ? 'staging' : 'production';
      const failed = next() < 0.1;
      if (environment === 'production' && !failed) {
        live.set(component, version);
      }
      record = deployment(
        `g:${i}`,
        component,
        `1.${version}.0`,
        environment,
        iso(t),
        {
          ...(failed ? { status: 'failed' } : {}),
          ...(rollback ? { rollback: true } : {}),
        },
      );
      if (environment === 'production' && ++productionDeployments % 4 === 0) {
        inTimeOrder.push(record);
        late.push(record);
        continue;
      }
    } else {
      record = {
        kind: 'incident',
        report: {
          source: 'pager',
          externalId: `G-${i}`,
          system: `system:default/${system}`,
          environment: 'production',
          title: `Incident ${i}`,
          openedAt: iso(t),
          ...(next() < 0.6
            ? { resolvedAt: iso(t + Math.round(next() * 3 * 3_600_000)) }
            : {}),
        },
      } as ImportRecord;
    }
    inTimeOrder.push(record);
    onTime.push(record);
  }
  return { inTimeOrder, asImported: [...onTime, ...late] };
}

/**
 * {@link storedState} but the audit trail's incident moves, which depend on the order of
 * recording (a history reported in another order, or in groups at once).
 */
export async function comparableState(knex: Knex) {
  const state = await storedState(knex);
  return {
    ...state,
    audit: state.audit.filter(a => a !== 'incident incident.attributed'),
  };
}
