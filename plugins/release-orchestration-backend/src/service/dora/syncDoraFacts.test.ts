import {
  createTestDatabases,
  createTestStores,
} from '../../__testUtils__/testStores';
import { mockServices } from '@backstage/backend-test-utils';
import {
  historyCatalog,
  historyDora,
  playHistory,
} from '../../__testUtils__/doraHistory';
import { EventPublisher } from '../EventPublisher';
import { IncidentService } from '../incidents/IncidentService';
import { DoraFactRecorder } from './DoraFactRecorder';
import { DORA_DEFINITIONS, syncDoraFacts } from './syncDoraFacts';

jest.setTimeout(60_000);

const WEEK = {
  from: '2026-11-02T00:00:00.000Z',
  to: '2026-11-09T00:00:00.000Z',
};

describe('DORA roll-up maintenance', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('catches up on deployments recorded without the roll-ups, and rebuilds them for another production lane', async () => {
      const { knex, stores } = await createTestStores(databases, databaseId);
      await playHistory(stores, [
        {
          build: 'api@1',
          at: '2026-11-03T09:00:00Z',
          commits: ['2026-11-03T07:00:00Z'],
        },
        {
          deploy: 's1',
          components: ['api@1'],
          at: '2026-11-03T09:30:00Z',
          env: 'staging',
        },
        { deploy: 'd1', components: ['api@1'], at: '2026-11-03T10:00:00Z' },
      ]);
      // As if written before this feature existed: no roll-ups at all.
      for (const table of [
        'dora_lead_time_histogram',
        'dora_lead_times',
        'dora_deployment_facts',
        'dora_systems',
      ]) {
        await knex(table).delete();
      }
      const dora = historyDora(stores);
      expect(
        (await dora.report({ entity: 'org', ...WEEK })).current
          .deploymentFrequency.deployments,
      ).toBe(0);

      const production = new DoraFactRecorder('production');
      expect(
        await syncDoraFacts({ stores, recorder: production, batchSize: 1 }),
      ).toBe(1);
      expect(await syncDoraFacts({ stores, recorder: production })).toBe(0);
      const report = await dora.report({ entity: 'org', ...WEEK });
      expect(report.current.deploymentFrequency.deployments).toBe(1);
      expect(report.current.changeLeadTime).toMatchObject({
        commits: 1,
        medianSeconds: 3 * 3600,
      });

      // The staging deployment at 09:30 becomes the first to carry the commit: 2.5 h.
      const staging = new DoraFactRecorder('staging');
      expect(await syncDoraFacts({ stores, recorder: staging })).toBe(1);
      const rebuilt = await knex('dora_lead_times').select('lead_seconds');
      expect(rebuilt.map(r => Number(r.lead_seconds))).toEqual([2.5 * 3600]);
      expect(
        Number((await knex('dora_deployment_facts').count('* as n'))[0].n),
      ).toBe(1);
    });

    it('moves roll-ups recorded under the old definitions to the current ones', async () => {
      const { knex, stores } = await createTestStores(databases, databaseId);
      const H = 3600;
      await playHistory(stores, [
        { deploy: 'd1', components: ['api@1'], at: '2026-11-03T10:00:00Z' },
        {
          incident: 'i1',
          opened: '2026-11-03T11:00:00Z',
          resolved: '2026-11-03T12:00:00Z',
        },
        {
          incident: 'i2',
          opened: '2026-11-03T11:30:00Z',
          resolved: '2026-11-03T14:00:00Z',
        },
        {
          deploy: 'd2',
          components: ['api@2'],
          at: '2026-11-04T10:00:00Z',
          failed: true,
        },
        { deploy: 'd3', components: ['api@3'], at: '2026-11-04T13:00:00Z' },
      ]);
      // As the old definitions left them: no failure start on deployments with incidents, no
      // restoring deployments, and no record of the definitions.
      await knex('dora_deployment_facts').update({
        failure_started_at: null,
        restored_by: null,
        restores_service: false,
      });
      await knex('dora_settings').where({ key: 'definitions' }).delete();
      const dora = historyDora(stores);
      expect(
        (await dora.report({ entity: 'org', ...WEEK })).current
          .failedDeploymentRecoveryTime.failures,
      ).toBe(0);

      expect(
        await syncDoraFacts({
          stores,
          recorder: new DoraFactRecorder('production'),
        }),
      ).toBe(0);
      const { current } = await dora.report({ entity: 'org', ...WEEK });
      // d1: 11:00 -> 14:00 = 3 h (its two incidents are one failure); d2: 10:00 -> d3 13:00 = 3 h
      expect(current.failedDeploymentRecoveryTime).toMatchObject({
        failures: 2,
        recovered: 2,
        medianSeconds: 3 * H,
      });
      // d3 restored service after d2: 1 of 3
      expect(current.reworkRate).toMatchObject({
        deployments: 3,
        reworked: 1,
        restoring: 1,
      });
      expect(await stores.doraFacts.getSetting('definitions')).toBe(
        DORA_DEFINITIONS,
      );
    });

    it('counts every incident when many are attributed to one deployment at once', async () => {
      const { knex, stores } = await createTestStores(databases, databaseId);
      const ids = await playHistory(stores, [
        {
          build: 'api@1',
          at: '2026-11-03T09:00:00Z',
          commits: ['2026-11-03T07:00:00Z'],
        },
        { deploy: 'd1', components: ['api@1'], at: '2026-11-03T10:00:00Z' },
      ]);
      const incidents = new IncidentService(
        stores,
        historyCatalog,
        ['production'],
        'production',
        new EventPublisher([], mockServices.logger.mock()),
      );
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          incidents.report(
            {
              externalId: `i${i}`,
              source: 'api',
              system: 'system:default/shop',
              title: 'x',
              openedAt: '2026-11-03T11:00:00.000Z',
            },
            'service:tool',
          ),
        ),
      );
      const fact = await knex('dora_deployment_facts')
        .where({ deployment_id: ids.get('d1') })
        .first('incident_count');
      expect(Number(fact.incident_count)).toBe(12);
      expect((await stores.audit.verify()).valid).toBe(true);
    });

    it('moves an automatic incident to a deployment reported after it, with an audit event', async () => {
      const { stores } = await createTestStores(databases, databaseId);
      const ids = await playHistory(stores, [
        {
          build: 'ledger@1',
          at: '2026-11-04T09:00:00Z',
          commits: ['2026-11-04T08:00:00Z'],
        },
        {
          deploy: 'd1',
          system: 'bank',
          components: ['ledger@1'],
          at: '2026-11-04T10:00:00Z',
        },
        { incident: 'late', system: 'bank', opened: '2026-11-06T12:00:00Z' },
        {
          incident: 'explicit',
          system: 'bank',
          opened: '2026-11-06T12:30:00Z',
          deployment: 'd1',
        },
        {
          build: 'ledger@2',
          at: '2026-11-06T09:00:00Z',
          commits: ['2026-11-06T06:00:00Z'],
        },
        {
          deploy: 'd2',
          system: 'bank',
          components: ['ledger@2'],
          at: '2026-11-06T10:00:00Z',
        },
      ]);
      expect(await stores.incidents.get(ids.get('late')!)).toMatchObject({
        deploymentId: ids.get('d2'),
        attribution: 'automatic',
      });
      expect(await stores.incidents.get(ids.get('explicit')!)).toMatchObject({
        deploymentId: ids.get('d1'),
        attribution: 'explicit',
      });
      const events = await stores.audit.list({
        entityRef: 'system:default/bank',
        limit: 10,
      });
      expect(events.map(e => [e.action, e.subjectId])).toEqual([
        ['incident.attributed', ids.get('late')],
        ['incident.reported', ids.get('explicit')],
        ['incident.reported', ids.get('late')],
      ]);
      expect((await stores.audit.verify()).valid).toBe(true);
      const report = await historyDora(stores).report({
        entity: 'system:default/bank',
        ...WEEK,
      });
      // d1 has the explicit incident, d2 the automatic one
      expect(report.current.changeFailureRate).toMatchObject({
        deployments: 2,
        failedChanges: 2,
        withIncident: 2,
      });
    });
  });
});
