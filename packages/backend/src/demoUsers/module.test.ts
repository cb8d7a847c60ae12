import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import authPlugin from '@backstage/plugin-auth-backend';
import request from 'supertest';
import { authModuleDemoUsersProvider } from './module';

const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'carol', namespace: 'default' },
    spec: {
      profile: { displayName: 'Carol Carlsson', email: 'carol@acme.example' },
      memberOf: ['release-managers'],
    },
    relations: [
      { type: 'memberOf', targetRef: 'group:default/release-managers' },
    ],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'mallory', namespace: 'default' },
    spec: { memberOf: [] },
  },
];

async function startAuth(providers: JsonObject | undefined) {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      authModuleDemoUsersProvider,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: providers ? { providers } : {},
        },
      }),
    ],
  });
  return server;
}

describe('demoUsers auth provider', () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  it('signs in a listed catalog user with their groups and catalog profile', async () => {
    process.env.NODE_ENV = 'development';
    const server = await startAuth({ demoUsers: { users: ['carol'] } });

    const res = await request(server)
      .get('/api/auth/demoUsers/refresh')
      .set('x-demo-user', 'carol');

    expect(res.status).toBe(200);
    expect(res.body.backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/carol',
      ownershipEntityRefs: [
        'user:default/carol',
        'group:default/release-managers',
      ],
    });
    expect(res.body.profile).toEqual({
      displayName: 'Carol Carlsson',
      email: 'carol@acme.example',
    });
    expect(typeof res.body.backstageIdentity.token).toBe('string');
  });

  it('refuses users the config does not list, and requests without the header', async () => {
    process.env.NODE_ENV = 'development';
    const server = await startAuth({ demoUsers: { users: ['carol'] } });

    const stranger = await request(server)
      .get('/api/auth/demoUsers/refresh')
      .set('x-demo-user', 'mallory');
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.message).toBe(
      "x-demo-user: 'mallory' is not a demo user; auth.providers.demoUsers.users lists carol",
    );

    const anonymous = await request(server).get('/api/auth/demoUsers/refresh');
    expect(anonymous.status).toBe(400);
    expect(anonymous.body.error.message).toBe(
      'Missing x-demo-user header: name one of carol',
    );
  });

  it('refuses every sign-in outside development, even when configured', async () => {
    process.env.NODE_ENV = 'production';
    const server = await startAuth({ demoUsers: { users: ['carol'] } });

    const res = await request(server)
      .get('/api/auth/demoUsers/refresh')
      .set('x-demo-user', 'carol');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/for local demo portals only/);
  });

  it('is not there at all without auth.providers.demoUsers', async () => {
    process.env.NODE_ENV = 'development';
    const server = await startAuth(undefined);

    const res = await request(server)
      .get('/api/auth/demoUsers/refresh')
      .set('x-demo-user', 'carol');
    expect(res.status).toBe(404);
  });
});
