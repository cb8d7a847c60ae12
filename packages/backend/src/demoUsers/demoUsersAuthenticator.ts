import { InputError, NotAllowedError } from '@backstage/errors';
import { createProxyAuthenticator } from '@backstage/plugin-auth-node';

/** The request header naming the demo user; the demo app's sign-in page sets it. */
export const DEMO_USER_HEADER = 'x-demo-user';

/** What the authenticator hands the sign-in resolver: the chosen user's name. */
export interface DemoUserResult {
  userName: string;
}

/** The provider's settings, read once at start-up. */
export interface DemoUsersContext {
  users: string[];
  /** Why the provider refuses every sign-in, when it does. */
  disabledReason?: string;
}

/**
 * Signs in one of the catalog users that `auth.providers.demoUsers.users` lists, named by the
 * `x-demo-user` header, without a password. For local and e2e demo portals only: it refuses
 * every sign-in unless NODE_ENV is `development`, and there is no switch to lift that.
 */
export const demoUsersAuthenticator = createProxyAuthenticator<
  DemoUsersContext,
  DemoUserResult,
  undefined
>({
  defaultProfileTransform: async (result, ctx) => {
    const { entity } = await ctx.findCatalogUser({
      entityRef: { name: result.userName },
    });
    const profile = (entity.spec?.profile ?? {}) as {
      displayName?: string;
      email?: string;
      picture?: string;
    };
    return {
      profile: {
        displayName: profile.displayName ?? result.userName,
        email: profile.email,
        picture: profile.picture,
      },
    };
  },
  initialize({ config }) {
    const users = config.getStringArray('users');
    const disabledReason =
      process.env.NODE_ENV === 'development'
        ? undefined
        : 'The demoUsers sign-in is for local demo portals only and works only when NODE_ENV is development; remove auth.providers.demoUsers from this configuration';
    return { users, disabledReason };
  },
  async authenticate({ req }, ctx) {
    if (ctx.disabledReason) {
      throw new NotAllowedError(ctx.disabledReason);
    }
    const userName = req.get(DEMO_USER_HEADER)?.trim();
    if (!userName) {
      throw new InputError(
        `Missing ${DEMO_USER_HEADER} header: name one of ${ctx.users.join(
          ', ',
        )}`,
      );
    }
    if (!ctx.users.includes(userName)) {
      throw new NotAllowedError(
        `${DEMO_USER_HEADER}: '${userName}' is not a demo user; auth.providers.demoUsers.users lists ${ctx.users.join(
          ', ',
        )}`,
      );
    }
    return { result: { userName } };
  },
});
