import { Knex } from 'knex';
import { playHistory } from '../__testUtils__/doraHistory';
import { generatedHistory } from '../__testUtils__/generatedDoraHistory';
import {
  createTestDatabases,
  createTestStores,
} from '../__testUtils__/testStores';
import { epochMs } from './timestamps';

// eslint-disable-next-line @backstage/no-relative-monorepo-imports
const migration = require('../../migrations/20261206073000_dora_deployment_lead_times.js');

jest.setTimeout(120_000);

/** Each deployment's lead times as dora_lead_times holds them, ascending. */
async function rawLists(knex: Knex) {
  const lists = new Map<string, number[]>();
  for (const row of await knex('dora_lead_times').select(
    'deployment_id',
    'lead_seconds',
  )) {
    lists.set(row.deployment_id, [
      ...(lists.get(row.deployment_id) ?? []),
      Number(row.lead_seconds),
    ]);
  }
  return new Map(
    [...lists].map(([id, values]) => [id, values.sort((a, b) => a - b)]),
  );
}

/** Each deployment's list in dora_deployment_lead_times, parsed, with its System and time checked against its fact. */
async function deploymentLists(knex: Knex) {
  const rows = await knex('dora_deployment_lead_times as l')
    .join('dora_deployment_facts as f', 'f.deployment_id', 'l.deployment_id')
    .select(
      'l.deployment_id',
      'l.lead_seconds',
      'l.system_ref',
      'f.system_ref as fact_system',
      epochMs(knex, 'l.deployed_at', 'at'),
      epochMs(knex, 'f.deployed_at', 'fact_at'),
    );
  for (const row of rows) {
    expect([row.system_ref, row.at]).toEqual([row.fact_system, row.fact_at]);
  }
  expect(
    Number((await knex('dora_deployment_lead_times').count('* as n'))[0].n),
  ).toBe(rows.length);
  return new Map(
    rows.map(row => [
      row.deployment_id as string,
      String(row.lead_seconds).split(',').map(Number),
    ]),
  );
}

/** The previous way of reading lead times: dora_lead_times grouped per System and deployment time. */
async function rawLeadTimes(
  knex: Knex,
  systems: string[] | undefined,
  range: { from: string; to: string },
) {
  const query = knex('dora_lead_times')
    .where('deployed_at', '>=', range.from)
    .where('deployed_at', '<', range.to);
  if (systems) query.whereIn('system_ref', systems);
  const groups = new Map<
    string,
    { systemRef: string; deployedAt: number; leadSeconds: number[] }
  >();
  for (const row of await query.select(
    'system_ref',
    epochMs(knex, 'deployed_at', 'at'),
    'lead_seconds',
  )) {
    const key = `${row.system_ref}|${row.at}`;
    const group = groups.get(key) ?? {
      systemRef: row.system_ref as string,
      deployedAt: Number(row.at),
      leadSeconds: [] as number[],
    };
    group.leadSeconds.push(Number(row.lead_seconds));
    groups.set(key, group);
  }
  return normalise([...groups.values()]);
}

function normalise(
  rows: Array<{ systemRef: string; deployedAt: number; leadSeconds: number[] }>,
) {
  return rows
    .map(row => ({
      ...row,
      leadSeconds: [...row.leadSeconds].sort((a, b) => a - b),
    }))
    .sort(
      (a, b) =>
        a.deployedAt - b.deployedAt || a.systemRef.localeCompare(b.systemRef),
    );
}

describe('dora_deployment_lead_times', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it.each([1, 2, 3])(
      'equal dora_lead_times after generated history %p (late reports move commits), and the migration backfills them',
      async seed => {
        const { knex, stores } = await createTestStores(databases, databaseId);
        await playHistory(stores, generatedHistory(seed));
        const raw = await rawLists(knex);
        // The history moved commits between deployments and left some deployments without any.
        expect(raw.size).toBeGreaterThan(5);
        expect(
          Number((await knex('dora_deployment_facts').count('* as n'))[0].n),
        ).toBeGreaterThan(raw.size);
        expect(await deploymentLists(knex)).toEqual(raw);
        // The org-wide histogram counts dora_lead_times per day and bucket, with no empty rows
        // left by the commits that moved.
        const counted = await knex('dora_lead_times')
          .groupBy('day', 'lead_bucket')
          .orderBy(['day', 'lead_bucket'])
          .select(
            'day',
            'lead_bucket as bucket',
            knex.raw('count(*) as commits'),
          );
        const histogram = await knex('dora_lead_time_histogram')
          .orderBy(['day', 'bucket'])
          .select('day', 'bucket', 'commits');
        const numbers = (list: Array<Record<string, unknown>>) =>
          list.map(r => [r.day, Number(r.bucket), Number(r.commits)]);
        expect(numbers(histogram)).toEqual(numbers(counted));

        const ranges = [
          { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
          { from: '2026-11-04T07:30:00.000Z', to: '2026-11-09T13:15:00.000Z' },
        ];
        for (const range of ranges) {
          for (const systems of [
            undefined,
            ['system:default/shop'],
            ['system:default/bank', 'system:default/shop'],
          ]) {
            const grouped = await rawLeadTimes(knex, systems, range);
            expect(
              normalise(
                await stores.doraMetrics.leadTimes(
                  systems ? { systems } : {},
                  range,
                ),
              ),
            ).toEqual(grouped);
            // Per System: every deployment's values together.
            const perSystem = new Map<string, number[]>();
            for (const row of grouped) {
              perSystem.set(row.systemRef, [
                ...(perSystem.get(row.systemRef) ?? []),
                ...row.leadSeconds,
              ]);
            }
            const read = await stores.doraMetrics.leadTimesPerSystem(
              systems ? { systems } : {},
              range,
            );
            expect(
              new Map(
                [...read].map(([ref, values]) => [
                  ref,
                  [...values].sort((a, b) => a - b),
                ]),
              ),
            ).toEqual(
              new Map(
                [...perSystem].map(([ref, values]) => [
                  ref,
                  values.sort((a, b) => a - b),
                ]),
              ),
            );
          }
        }

        // An installation upgraded with roll-ups but without this table: the migration fills it.
        await migration.down(knex);
        await migration.up(knex);
        expect(await deploymentLists(knex)).toEqual(raw);
      },
    );
  });
});
