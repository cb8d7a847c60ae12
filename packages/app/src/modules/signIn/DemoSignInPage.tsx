import {
  Content,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
  WarningPanel,
} from '@backstage/core-components';
import { configApiRef, IdentityApi, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';

/** Where the choice is kept, so a reload signs the same person in again. */
export const DEMO_SIGN_IN_STORAGE_KEY = 'release-orchestration-demo:sign-in';

/** The backend's header naming the demo user (packages/backend/src/demoUsers). */
export const DEMO_USER_HEADER = 'x-demo-user';

type Choice = { provider: 'guest' } | { provider: 'demoUsers'; user: string };

function readChoice(users: string[]): Choice | undefined {
  try {
    const choice = JSON.parse(
      localStorage.getItem(DEMO_SIGN_IN_STORAGE_KEY) ?? 'null',
    );
    if (choice?.provider === 'guest') return { provider: 'guest' };
    if (choice?.provider === 'demoUsers' && users.includes(choice.user)) {
      return { provider: 'demoUsers', user: choice.user };
    }
  } catch {
    // A broken entry is treated as no choice.
  }
  return undefined;
}

/** Forgets the choice on sign-out, so the next visitor picks again. */
function forgetOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      localStorage.removeItem(DEMO_SIGN_IN_STORAGE_KEY);
      await identity.signOut();
    },
  };
}

function Chooser(props: {
  users: string[];
  error?: Error;
  onChoose(choice: Choice): void;
}) {
  const { users, error, onChoose } = props;
  const configApi = useApi(configApiRef);
  return (
    <Page themeId="home">
      <Header title={configApi.getOptionalString('app.title') ?? 'Backstage'} />
      <Content>
        {error && (
          <Box mb={2}>
            <WarningPanel
              severity="error"
              title="Sign-in failed"
              message={error.message}
            />
          </Box>
        )}
        <Grid container spacing={2}>
          <Grid item xs={12} md={4}>
            <InfoCard
              title="Guest"
              variant="fullHeight"
              actions={
                <Button
                  color="primary"
                  variant="outlined"
                  onClick={() => onChoose({ provider: 'guest' })}
                >
                  Enter
                </Button>
              }
            >
              <Typography variant="body1">
                Enter as the guest developer (user:default/guest, a member of
                payments-team).
              </Typography>
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={8}>
            <InfoCard title="Demo users" variant="fullHeight">
              <Typography variant="body1" gutterBottom>
                For the demo portal only: sign in as one of these catalog users
                without a password, e.g. as a release manager to approve what
                the guest asked for. Production portals never enable this
                (auth.providers.demoUsers).
              </Typography>
              <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
                {users.map(user => (
                  <Button
                    key={user}
                    color="primary"
                    variant="outlined"
                    onClick={() => onChoose({ provider: 'demoUsers', user })}
                  >
                    Sign in as {user}
                  </Button>
                ))}
              </Box>
            </InfoCard>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}

/**
 * The demo portal's sign-in: Guest, plus the demo users that
 * `auth.providers.demoUsers.users` lists (the backend's demo-users provider
 * signs them in as the catalog users of those names). Remembers the choice
 * until sign-out, like Backstage's own guest sign-in.
 */
export function DemoSignInPage(props: {
  users: string[];
  onSignInSuccess(identityApi: IdentityApi): void;
}) {
  const { users, onSignInSuccess } = props;
  const [choice, setChoice] = useState<Choice | undefined>(() =>
    readChoice(users),
  );

  if (!choice) {
    return <Chooser users={users} onChoose={setChoice} />;
  }
  return (
    <ProxiedSignInPage
      key={JSON.stringify(choice)}
      provider={choice.provider}
      headers={
        choice.provider === 'demoUsers'
          ? { [DEMO_USER_HEADER]: choice.user }
          : undefined
      }
      onSignInSuccess={identity => {
        localStorage.setItem(DEMO_SIGN_IN_STORAGE_KEY, JSON.stringify(choice));
        onSignInSuccess(forgetOnSignOut(identity));
      }}
      ErrorComponent={({ error }) => (
        <Chooser
          users={users}
          error={error}
          onChoose={next => {
            localStorage.removeItem(DEMO_SIGN_IN_STORAGE_KEY);
            setChoice(next);
          }}
        />
      )}
    />
  );
}
