import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createPermission } from '@backstage/plugin-permission-common';
import permissionPlugin from '@backstage/plugin-permission-backend';
import Router from 'express-promise-router';
import request from 'supertest';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { permissionModuleReleaseOrchestrationPolicy as policyModule } from './module';

/** A plugin that asks the permissions service on behalf of its caller. */
const probePlugin = createBackendPlugin({
  pluginId: 'probe',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
      },
      async init({ httpRouter, httpAuth, permissions }) {
        const router = Router();
        router.get('/can/:name', async (req, res) => {
          const permission = createPermission({
            name: req.params.name,
            attributes: {},
          });
          const [decision] = await permissions.authorize([{ permission }], {
            credentials: await httpAuth.credentials(req),
          });
          res.json(decision);
        });
        httpRouter.use(router);
      },
    });
  },
});

const ownership: Record<string, string[]> = {
  'user:default/erin': ['user:default/erin', 'group:default/release-managers'],
};

const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  async factory() {
    return {
      async getUserInfo(credentials) {
        const userEntityRef = (
          credentials.principal as { userEntityRef: string }
        ).userEntityRef;
        return {
          userEntityRef,
          ownershipEntityRefs: ownership[userEntityRef] ?? [userEntityRef],
        };
      },
    };
  },
});

describe('the release-orchestration permission policy in a backend', () => {
  async function start() {
    const { server } = await startTestBackend({
      features: [
        permissionPlugin,
        policyModule,
        permissionsServiceFactory,
        probePlugin,
        userInfoFactory,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            releaseOrchestrationAccess: {
              grants: [
                {
                  permissions: ['release-orchestration.*'],
                  members: ['group:default/release-managers'],
                },
                {
                  permissions: ['release-orchestration.release.read'],
                  members: ['user'],
                },
              ],
            },
          },
        }),
      ],
    });
    return (name: string, authorization: string) =>
      request(server)
        .get(`/api/probe/can/${name}`)
        .set('Authorization', authorization)
        .then(res => res.body.result);
  }

  it('decides users by their group membership', async () => {
    const can = await start();
    const alice = mockCredentials.user.header('user:default/alice');
    const erin = mockCredentials.user.header('user:default/erin');

    await expect(
      can('release-orchestration.release.read', alice),
    ).resolves.toBe('ALLOW');
    await expect(
      can('release-orchestration.promotion.approve', alice),
    ).resolves.toBe('DENY');
    await expect(
      can('release-orchestration.promotion.approve', erin),
    ).resolves.toBe('ALLOW');
    await expect(can('catalog.entity.read', alice)).resolves.toBe('ALLOW');
  });
});
