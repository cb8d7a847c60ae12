import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { createFakeBackend } from '../../__testUtils__/handlers';
import { release2Details } from '../../__testUtils__/promotionFixtures';
import { createFakePromotionBackend } from '../../__testUtils__/promotionHandlers';
import { LOADED, renderReleaseTab } from '../../__testUtils__/renderPromotions';
import { testId } from '../../__testUtils__/testId';

// usePermission caches answers per page load: a denied permission gets its own file.
const server = setupServer();
registerMswTestHooks(server);

const releasePage = `/catalog/default/system/payments/releases/${testId(
  'rel-2',
)}`;

function useBackend(
  options: Parameters<typeof createFakePromotionBackend>[0] = {},
) {
  const backend = createFakePromotionBackend(options);
  server.use(...backend.handlers, ...createFakeBackend().handlers);
  return backend;
}

describe('ReleaseView: a lane without Promote says why', () => {
  it('says why there is no Promote button without the permission', async () => {
    useBackend({
      release: { ...release2Details, promotions: [] },
      queue: [],
    });
    await renderReleaseTab(releasePage, {
      deny: ['release-orchestration.promotion.create'],
    });

    const dev = await screen.findByRole(
      'region',
      { name: 'Development lane' },
      LOADED,
    );
    expect(
      await within(dev).findByText(
        /^You may not request promotions for this System/,
      ),
    ).toBeInTheDocument();
    expect(
      within(dev).queryByRole('button', { name: /Promote/ }),
    ).not.toBeInTheDocument();
  });
});
