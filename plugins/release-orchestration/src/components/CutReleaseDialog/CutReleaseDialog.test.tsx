import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { systemEntity } from '../../__testUtils__/fixtures';
import {
  baseUrl,
  createFakeBackend,
  errorResponse,
} from '../../__testUtils__/handlers';
import { createFakeEnvironmentBackend } from '../../__testUtils__/environmentHandlers';
import { contractJson } from '../../__testUtils__/openapiContract';
import { renderEntityTab } from '../../__testUtils__/renderEntityTab';
import { testId } from '../../__testUtils__/testId';

const LOADED = { timeout: 10_000 };
const server = setupServer();
registerMswTestHooks(server);
const releasesPath = '/catalog/default/system/payments/releases';

async function openDialog() {
  await userEvent.click(
    await screen.findByRole('button', { name: /Cut release/ }),
  );
  const dialog = await screen.findByRole('dialog');
  // The newest build of each component is preselected once the catalog answers.
  await within(dialog).findByText('1.4.0 (newest)');
  return dialog;
}

describe('CutReleaseDialog', () => {
  it('preselects the newest builds next to what runs in production, lets the user change one, and opens the new release', async () => {
    const backend = createFakeBackend();
    const created = testId('rel-3');
    server.use(
      http.get(`${baseUrl}/releases/${created}/diff`, () =>
        contractJson('GET /releases/{id}/diff', {
          release: { id: created, version: '2026.03.06-1' },
          environment: 'production',
          changes: [],
        }),
      ),
      ...createFakeEnvironmentBackend().handlers,
      ...backend.handlers,
    );
    await renderEntityTab(systemEntity, releasesPath);
    const dialog = await openDialog();

    // Per component, the version production runs now next to the one chosen.
    expect(
      await within(dialog).findByLabelText('Payments API in Production'),
    ).toHaveTextContent(/^Production runs 1\.3\.0$/);
    expect(
      within(dialog).getByLabelText('payments-worker in Production'),
    ).toHaveTextContent('Not in Production yet');

    expect(within(dialog).getByLabelText('Include Payments API')).toBeChecked();
    expect(
      within(dialog).getByLabelText('Include payments-worker'),
    ).toBeChecked();
    // A component without builds cannot be part of the release.
    expect(within(dialog).getByLabelText('Include payments-ui')).toBeDisabled();
    expect(
      within(dialog).getByText(
        'No builds reported yet, so it cannot be part of a release.',
      ),
    ).toBeInTheDocument();

    await userEvent.selectOptions(
      within(dialog).getByLabelText('Version of Payments API'),
      '1.3.0',
    );
    expect(
      within(dialog).getByLabelText('Payments API in Production'),
    ).toHaveTextContent('Production runs 1.3.0 (unchanged)');
    const versionName = within(dialog).getByLabelText(/Version name/);
    await userEvent.clear(versionName);
    await userEvent.type(versionName, '2026.03.06-1');
    await userEvent.click(
      within(dialog).getByRole('button', {
        name: 'Create release (2 components)',
      }),
    );

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(backend.state.created).toEqual([
      expect.objectContaining({
        system: 'system:default/payments',
        version: '2026.03.06-1',
        riskClass: 'medium',
        components: [
          { component: 'component:default/payments-api', version: '1.3.0' },
          { component: 'component:default/payments-worker', version: '2.1.0' },
        ],
      }),
    ]);
    // The new release opens, offering its first promotion.
    expect(
      await screen.findByText('Release 2026.03.06-1', undefined, LOADED),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole(
        'button',
        { name: /Promote to Development/ },
        LOADED,
      ),
    ).toBeInTheDocument();
  });

  it('leaves out an unticked component', async () => {
    const backend = createFakeBackend();
    server.use(...backend.handlers);
    await renderEntityTab(systemEntity, releasesPath);
    const dialog = await openDialog();

    await userEvent.click(
      within(dialog).getByLabelText('Include payments-worker'),
    );
    await userEvent.click(
      within(dialog).getByRole('button', {
        name: 'Create release (1 components)',
      }),
    );

    await waitFor(() => expect(backend.state.created).toHaveLength(1));
    expect(backend.state.created[0].components).toEqual([
      { component: 'component:default/payments-api', version: '1.4.0' },
    ]);
  });

  it("shows the server's reason when the release is refused and keeps the dialog open", async () => {
    const backend = createFakeBackend();
    server.use(
      http.post(`${baseUrl}/releases`, () =>
        errorResponse(
          409,
          'ConflictError',
          "Release version '2026.03.05-1' already exists for system:default/payments",
        ),
      ),
      ...backend.handlers,
    );
    await renderEntityTab(systemEntity, releasesPath);
    const dialog = await openDialog();

    await userEvent.click(
      within(dialog).getByRole('button', { name: /Create release/ }),
    );

    expect(
      await within(dialog).findByText(
        "Release version '2026.03.05-1' already exists for system:default/payments",
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });
});
