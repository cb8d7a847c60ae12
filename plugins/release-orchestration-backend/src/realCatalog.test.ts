import fs from 'node:fs';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import knexFactory from 'knex';
import request from 'supertest';
import YAML from 'yaml';
import { releaseOrchestrationPlugin } from './plugin';
import { buildInput } from './__testUtils__/fixtures';
import { createTestDatabases } from './__testUtils__/testStores';

jest.setTimeout(120_000);

const EXAMPLES = path.resolve(__dirname, '../../../examples');
const api = '/api/release-orchestration';
const ci = mockCredentials.service.header();

/** The entities of an examples/*.yaml file, as the catalog reads them. */
function examples(file: string): any[] {
  return YAML.parseAllDocuments(
    fs.readFileSync(path.join(EXAMPLES, file), 'utf8'),
  ).map(d => d.toJSON());
}

/**
 * The plugin against the real catalog backend (not the in-memory fake): the catalog reads
 * examples/entities.yaml and examples/org.yaml as file locations and works out the relations
 * (partOf, hasMember) itself. The catalog gets its own in-memory SQLite; the plugin the database
 * under test.
 */
describe('with the real catalog backend and the example entities', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('lists a System’s components, cuts a release of all of them, and finds the approvers through group membership', async () => {
      const knex = await databases.init(databaseId);
      const catalogKnex = knexFactory({
        client: 'better-sqlite3',
        connection: ':memory:',
        useNullAsDefault: true,
      });
      const { server } = await startTestBackend({
        features: [
          releaseOrchestrationPlugin,
          catalogPlugin,
          createServiceFactory({
            service: coreServices.database,
            deps: { plugin: coreServices.pluginMetadata },
            factory: ({ plugin }) => ({
              getClient: async () =>
                plugin.getId() === 'release-orchestration' ? knex : catalogKnex,
            }),
          }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                rules: [
                  {
                    allow: [
                      'Component',
                      'System',
                      'API',
                      'Resource',
                      'Group',
                      'User',
                      'Location',
                      'Domain',
                    ],
                  },
                ],
                locations: ['entities.yaml', 'org.yaml'].map(file => ({
                  type: 'file',
                  target: path.join(EXAMPLES, file),
                })),
              },
              releaseOrchestration: {
                environments: [
                  {
                    name: 'production',
                    approvers: ['group:default/release-managers'],
                    minApprovals: 1,
                  },
                ],
              },
            },
          }),
        ],
      });
      try {
        const expected = examples('entities.yaml')
          .filter(
            e =>
              e.kind === 'Component' &&
              e.spec.system === 'system:default/payments',
          )
          .map(e => `component:default/${e.metadata.name}`)
          .sort();
        expect(expected.length).toBeGreaterThan(1);

        // The catalog processes its locations in the background, one entity at a time: wait
        // for the users' memberships and for every payments component's partOf relation (a
        // component still unprocessed has no relations yet, and the System would lack it).
        const processed = async (kind: string, name: string, type: string) => {
          const entity = await request(server).get(
            `/api/catalog/entities/by-name/${kind}/default/${name}`,
          );
          return (
            entity.status === 200 &&
            entity.body.relations?.some((r: any) => r.type === type)
          );
        };
        const deadline = Date.now() + 90_000;
        for (;;) {
          const pending: string[] = [];
          if (!(await processed('group', 'release-managers', 'hasMember')))
            pending.push('group:default/release-managers');
          for (const ref of expected) {
            const name = ref.split('/')[1];
            if (!(await processed('component', name, 'partOf')))
              pending.push(ref);
          }
          if (pending.length === 0) break;
          if (Date.now() > deadline)
            throw new Error(
              `the catalog did not process the examples: ${pending.join(', ')}`,
            );
          await new Promise(resolve => setTimeout(resolve, 500));
        }

        const components = await request(server)
          .get(`${api}/systems/default/payments/components`)
          .set('Authorization', ci);
        expect(components.status).toBe(200);
        expect(components.body.items.map((c: any) => c.componentRef)).toEqual(
          expected,
        );
        expect(
          (
            await request(server)
              .get(`${api}/systems/default/nowhere/components`)
              .set('Authorization', ci)
          ).status,
        ).toBe(404);

        for (const ref of expected) {
          const build = await request(server)
            .post(`${api}/builds`)
            .set('Authorization', ci)
            .send(buildInput(ref.split('/')[1], '1.0.0'));
          expect(build.status).toBe(201);
        }
        const release = await request(server)
          .post(`${api}/releases`)
          .set('Authorization', ci)
          .send({ system: 'system:default/payments', version: '2026.12.1' });
        expect(release.status).toBe(201);
        expect(
          release.body.components
            .map((c: any) => `${c.componentRef}@${c.version}`)
            .sort(),
        ).toEqual(expected.map(r => `${r}@1.0.0`));

        const members = examples('org.yaml')
          .filter(
            e =>
              e.kind === 'User' &&
              e.spec.memberOf?.includes('release-managers'),
          )
          .map(e => `user:default/${e.metadata.name}`)
          .sort();
        expect(members.length).toBeGreaterThan(0);
        const check = await request(server)
          .get(
            `${api}/releases/${release.body.id}/promotions/check?environment=production`,
          )
          .set(
            'Authorization',
            mockCredentials.user.header('user:default/guest'),
          );
        expect(check.status).toBe(200);
        expect(check.body.eligibleApprovers).toEqual(members);
      } finally {
        await catalogKnex.destroy();
      }
    });
  });
});
