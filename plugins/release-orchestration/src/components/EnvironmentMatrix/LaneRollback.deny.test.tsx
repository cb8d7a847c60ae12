import { registerMswTestHooks } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { createFakeEnvironmentBackend } from '../../__testUtils__/environmentHandlers';
import { systemEntity } from '../../__testUtils__/fixtures';
import { createFakeBackend } from '../../__testUtils__/handlers';
import { renderEntityTab } from '../../__testUtils__/renderEntityTab';

const server = setupServer();
registerMswTestHooks(server);

// In a file of its own: usePermission caches decisions per permission for the
// life of the module, so an ALLOW from another test would leak in here.
describe('Roll back to known-good without permission', () => {
  it('says that rolling back needs the promotion permission and who to ask', async () => {
    server.use(
      ...createFakeEnvironmentBackend().handlers,
      ...createFakeBackend().handlers,
    );
    await renderEntityTab(
      systemEntity,
      '/catalog/default/system/payments/releases',
      { canCreate: false },
    );

    expect(
      await screen.findByLabelText('Production: rollback', undefined, {
        timeout: 10_000,
      }),
    ).toHaveTextContent(
      'Rollback needs permission to request promotions of this System: ask its owners or a release manager.',
    );
    expect(
      screen.queryByRole('button', { name: /^Roll back to known-good in / }),
    ).not.toBeInTheDocument();
  });
});
