import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactElement, Suspense } from 'react';
import { DEMO_SIGN_IN_STORAGE_KEY } from './DemoSignInPage';
import { AppSignInPage } from './index';

// Translations load lazily; the app renders its sign-in page inside Suspense too.
const render = (element: ReactElement, config: object = {}) =>
  renderInTestApp(<Suspense fallback="loading">{element}</Suspense>, {
    config: {
      app: { title: 'Demo portal' },
      backend: { baseUrl: 'http://localhost:7007' },
      ...config,
    },
  });
const withDemoUsers = (users: string[]) => ({
  auth: { providers: { demoUsers: { users } } },
});

const session = (name: string) => ({
  profile: { displayName: name },
  backstageIdentity: {
    token: 'header.eyJzdWIiOiJ4In0.signature',
    identity: {
      type: 'user',
      userEntityRef: `user:default/${name}`,
      ownershipEntityRefs: [`user:default/${name}`],
    },
  },
});

describe('AppSignInPage', () => {
  const fetchMock = jest.fn();
  beforeEach(() => {
    localStorage.clear();
    fetchMock.mockReset();
    fetchMock.mockImplementation(async (url: string, init: RequestInit) => {
      const user = new Headers(init.headers).get('x-demo-user') ?? 'guest';
      return { ok: true, status: 200, url, json: async () => session(user) };
    });
    global.fetch = fetchMock as unknown as typeof fetch;
  });

  it('offers Guest and the configured demo users, and signs a demo user in by the header', async () => {
    const onSignInSuccess = jest.fn();
    render(
      <AppSignInPage onSignInSuccess={onSignInSuccess} />,
      withDemoUsers(['carol', 'dave']),
    );

    expect(
      await screen.findByRole('button', { name: 'Enter' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Sign in as dave' }),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Sign in as carol' }),
    );

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toMatch(/\/auth\/demoUsers\/refresh$/);
    expect(new Headers(init.headers).get('x-demo-user')).toBe('carol');
    const identity = onSignInSuccess.mock.calls[0][0];
    expect(await identity.getBackstageIdentity()).toMatchObject({
      userEntityRef: 'user:default/carol',
    });
    expect(JSON.parse(localStorage.getItem(DEMO_SIGN_IN_STORAGE_KEY)!)).toEqual(
      {
        provider: 'demoUsers',
        user: 'carol',
      },
    );

    await identity.signOut();
    expect(localStorage.getItem(DEMO_SIGN_IN_STORAGE_KEY)).toBeNull();
  });

  it('signs the guest in through the guest provider', async () => {
    const onSignInSuccess = jest.fn();
    render(
      <AppSignInPage onSignInSuccess={onSignInSuccess} />,
      withDemoUsers(['carol']),
    );

    await userEvent.click(await screen.findByRole('button', { name: 'Enter' }));

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toMatch(/\/auth\/guest\/refresh$/);
    expect(new Headers(init.headers).get('x-demo-user')).toBeNull();
  });

  it('signs the remembered demo user in again on reload', async () => {
    localStorage.setItem(
      DEMO_SIGN_IN_STORAGE_KEY,
      JSON.stringify({ provider: 'demoUsers', user: 'carol' }),
    );
    const onSignInSuccess = jest.fn();
    render(
      <AppSignInPage onSignInSuccess={onSignInSuccess} />,
      withDemoUsers(['carol']),
    );

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    expect(
      new Headers(fetchMock.mock.calls[0][1].headers).get('x-demo-user'),
    ).toBe('carol');
  });

  it('offers only Guest when no demo users are configured', async () => {
    render(<AppSignInPage onSignInSuccess={jest.fn()} />);

    expect(
      await screen.findByRole('button', { name: 'Enter' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Demo users')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Sign in as/ }),
    ).not.toBeInTheDocument();
  });
});
