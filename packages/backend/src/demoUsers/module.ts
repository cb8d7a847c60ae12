import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { demoUsersAuthenticator } from './demoUsersAuthenticator';

/**
 * The `demoUsers` auth provider of the demo portal: signs in the catalog User entity (default
 * namespace) that the `x-demo-user` header names, if `auth.providers.demoUsers.users` lists it,
 * with its catalog groups as ownership. Unconfigured, the auth backend does not mount it at all;
 * configured, it still refuses outside NODE_ENV=development.
 */
export const authModuleDemoUsersProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-users-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'demoUsers',
          factory: createProxyAuthProviderFactory({
            authenticator: demoUsersAuthenticator,
            signInResolver: async ({ result }, ctx) =>
              ctx.signInWithCatalogUser({
                entityRef: { name: result.userName },
              }),
          }),
        });
      },
    });
  },
});
