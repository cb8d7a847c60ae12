import { SignInPage } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  SignInPageBlueprint,
  SignInPageProps,
} from '@backstage/plugin-app-react';
import { DemoSignInPage } from './DemoSignInPage';

/**
 * Guest sign-in (the backend's guest provider maps the guest to `user:default/guest`, a member
 * of the payments team), plus the demo users when `auth.providers.demoUsers.users` lists some:
 * a local/e2e demo portal feature only, see packages/backend/src/demoUsers.
 */
export function AppSignInPage(props: SignInPageProps) {
  const configApi = useApi(configApiRef);
  const users =
    configApi.getOptionalStringArray('auth.providers.demoUsers.users') ?? [];
  if (users.length === 0) {
    return <SignInPage {...props} providers={['guest']} />;
  }
  return (
    <DemoSignInPage users={users} onSignInSuccess={props.onSignInSuccess} />
  );
}

export const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => AppSignInPage,
  },
});

/** The app's sign-in page. */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage],
});
