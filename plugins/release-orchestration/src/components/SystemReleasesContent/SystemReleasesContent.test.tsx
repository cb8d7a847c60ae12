import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { freshEnvironments } from '../../__testUtils__/environmentFixtures';
import { createFakeEnvironmentBackend } from '../../__testUtils__/environmentHandlers';
import { systemEntity } from '../../__testUtils__/fixtures';
import { createFakeBackend } from '../../__testUtils__/handlers';
import { renderEntityTab } from '../../__testUtils__/renderEntityTab';

const server = setupServer();
registerMswTestHooks(server);

describe('SystemReleasesContent', () => {
  beforeEach(() =>
    server.use(
      ...createFakeBackend().handlers,
      // Lanes without versions, so release versions appear once: in the list.
      ...createFakeEnvironmentBackend({
        'system:default/payments': freshEnvironments,
      }).handlers,
    ),
  );

  it('lists the releases of the System with author, date, size and risk', async () => {
    await renderEntityTab(
      systemEntity,
      '/catalog/default/system/payments/releases',
    );

    const newest = (await screen.findByText('2026.03.05-1')).closest('tr')!;
    expect(within(newest).getByText('alice')).toBeInTheDocument();
    expect(
      within(newest).getByText('2026-03-05 10:00 UTC'),
    ).toBeInTheDocument();
    expect(within(newest).getByText('2')).toBeInTheDocument();
    expect(within(newest).getByText('high risk')).toBeInTheDocument();
    const older = screen.getByText('2026.03.01-1').closest('tr')!;
    expect(within(older).getByText('ci-pipeline')).toBeInTheDocument();
    expect(within(older).getByText('low risk')).toBeInTheDocument();
    expect(screen.getByText('2026.03.05-1').closest('a')).toHaveAttribute(
      'href',
      // Release pages read as the version.
      '/catalog/default/system/payments/releases/2026.03.05-1',
    );
  });

  it('loads the next page of releases with "Load more"', async () => {
    // One release a page: the second page must come from the cursor.
    const backend = createFakeBackend({ pageSize: 1 });
    server.use(...backend.handlers);
    await renderEntityTab(
      systemEntity,
      '/catalog/default/system/payments/releases',
    );

    expect(await screen.findByText('2026.03.05-1')).toBeInTheDocument();
    expect(screen.queryByText('2026.03.01-1')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));

    expect(await screen.findByText('2026.03.01-1')).toBeInTheDocument();
    expect(screen.getByText('2026.03.05-1')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
    expect(backend.state.releaseCursors).toEqual([null, btoa('offset:1')]);
  });

  it('opens a release from the list and goes back', async () => {
    await renderEntityTab(
      systemEntity,
      '/catalog/default/system/payments/releases',
    );

    await userEvent.click(await screen.findByText('2026.03.05-1'));

    expect(await screen.findByText('Release 2026.03.05-1')).toBeInTheDocument();
    expect(await screen.findByText('Manifest')).toBeInTheDocument();
    await userEvent.click(screen.getByText('All releases'));
    expect(await screen.findByText('2026.03.01-1')).toBeInTheDocument();
    expect(screen.queryByText('Manifest')).not.toBeInTheDocument();
  });
});
