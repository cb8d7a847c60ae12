import { registerMswTestHooks } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { systemEntity } from '../../__testUtils__/fixtures';
import { createFakeBackend } from '../../__testUtils__/handlers';
import { renderEntityTab } from '../../__testUtils__/renderEntityTab';

const server = setupServer();
registerMswTestHooks(server);
const releasesPath = '/catalog/default/system/payments/releases';

// In a file of its own: usePermission caches decisions per permission for the
// life of the module, so an ALLOW from another test would leak in here.
describe('CutReleaseButton', () => {
  it('offers no Cut release button to users who may not create releases', async () => {
    server.use(...createFakeBackend().handlers);
    await renderEntityTab(systemEntity, releasesPath, { canCreate: false });

    expect(await screen.findByText('2026.03.05-1')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Cut release/ }),
    ).not.toBeInTheDocument();
  });
});
