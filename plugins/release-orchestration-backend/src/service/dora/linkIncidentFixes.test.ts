import { mockServices } from '@backstage/backend-test-utils';
import {
  createTestDatabases,
  createTestStores,
} from '../../__testUtils__/testStores';
import { historyCatalog, playHistory } from '../../__testUtils__/doraHistory';
import { EventPublisher } from '../EventPublisher';
import { IncidentService } from '../incidents/IncidentService';

jest.setTimeout(60_000);

describe('incidents fixed by a deployment', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('refuses a report naming an unknown incident, naming the field, and keeps nothing of it', async () => {
      const { knex, stores } = await createTestStores(databases, databaseId);
      await expect(
        playHistory(stores, [
          { deploy: 'd1', components: ['api@1'], at: '2026-11-03T10:00:00Z' },
          { incident: 'i1', opened: '2026-11-03T11:00:00Z' },
          {
            deploy: 'd2',
            components: ['api@2'],
            at: '2026-11-03T12:00:00Z',
            fixes: ['i1', 'INC-404'],
          },
        ]),
      ).rejects.toThrow(
        "fixesIncidents[1]: no incident 'INC-404' of system:default/shop in production",
      );
      // The whole report was one transaction: no deployment, no fix, no roll-up row.
      expect(await knex('deployments').pluck('idempotency_key')).toEqual([
        'd1',
      ]);
      expect(
        (await stores.incidents.getByExternalId('api', 'i1'))
          ?.fixedByDeploymentId,
      ).toBeUndefined();
      expect(
        Number((await knex('dora_deployment_facts').count('* as n'))[0].n),
      ).toBe(1);
    });

    it('links the named incidents with an audit event, and refuses a fix from another System', async () => {
      const { stores } = await createTestStores(databases, databaseId);
      const ids = await playHistory(stores, [
        { deploy: 'd1', components: ['api@1'], at: '2026-11-03T10:00:00Z' },
        {
          deploy: 'b1',
          system: 'bank',
          components: ['ledger@1'],
          at: '2026-11-03T10:00:00Z',
        },
        { incident: 'i1', opened: '2026-11-03T11:00:00Z' },
        {
          deploy: 'd2',
          components: ['api@2'],
          at: '2026-11-03T12:00:00Z',
          fixes: ['i1'],
        },
      ]);
      const incident = (await stores.incidents.get(ids.get('i1')!))!;
      expect(incident.fixedByDeploymentId).toBe(ids.get('d2'));
      const events = await stores.audit.list({
        entityRef: 'system:default/shop',
        limit: 10,
      });
      expect(events.map(e => e.summary)).toContain(
        `Incident i1 (api): fixed by deployment ${ids.get('d2')}`,
      );

      const incidents = new IncidentService(
        stores,
        historyCatalog,
        ['staging', 'production'],
        'production',
        new EventPublisher([], mockServices.logger.mock()),
      );
      await expect(
        incidents.update(
          incident.id,
          { fixedByDeploymentId: ids.get('b1') },
          'user:default/erin',
        ),
      ).rejects.toThrow(
        `fixedByDeploymentId: deployment ${ids.get(
          'b1',
        )} is of system:default/bank in production, not of system:default/shop in production`,
      );
      const cleared = await incidents.update(
        incident.id,
        { fixedByDeploymentId: null },
        'user:default/erin',
      );
      expect(cleared.fixedByDeploymentId).toBeUndefined();
      expect((await stores.audit.verify()).valid).toBe(true);
    });
  });
});
