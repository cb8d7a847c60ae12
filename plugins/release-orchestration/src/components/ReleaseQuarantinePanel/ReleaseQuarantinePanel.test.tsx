import { registerMswTestHooks } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { ReleaseQuarantine } from '@release-orchestration/plugin-release-orchestration-common';
import { contractJson } from '../../__testUtils__/openapiContract';
import {
  release2,
  releaseSummaries,
  systemEntity,
} from '../../__testUtils__/fixtures';
import { baseUrl, createFakeBackend } from '../../__testUtils__/handlers';
import { promotionLanes } from '../../__testUtils__/promotionFixtures';
import { renderEntityTab } from '../../__testUtils__/renderEntityTab';
import { testId } from '../../__testUtils__/testId';

const server = setupServer();
registerMswTestHooks(server);

const releasePath = `/catalog/default/system/payments/releases/${testId(
  'rel-2',
)}`;
const reason = 'Corrupts refunds above 1,000 EUR';

/** The fake backend with a release whose quarantine the routes change. */
function useQuarantineBackend(initial?: ReleaseQuarantine) {
  let quarantine = initial;
  const sent: Array<{ path: string; body: unknown }> = [];
  const summary = () => {
    const { components: _c, previousReleaseId: _p, ...rest } = release2;
    return { ...rest, ...(quarantine ? { quarantine } : {}) };
  };
  server.use(...createFakeBackend().handlers);
  // Added after the fake backend's handlers, so these take precedence.
  server.use(
    http.get(`${baseUrl}/environments`, () =>
      contractJson('GET /environments', { items: promotionLanes }),
    ),
    http.get(`${baseUrl}/releases/${testId('rel-2')}`, () =>
      contractJson('GET /releases/{id}', {
        ...release2,
        ...(quarantine ? { quarantine } : {}),
        evidence: [],
        promotions: [],
      }),
    ),
    http.post(
      `${baseUrl}/releases/${testId('rel-2')}/quarantine`,
      async ({ request }) => {
        const body = (await request.json()) as { reason: string };
        sent.push({ path: 'quarantine', body });
        quarantine = {
          reason: body.reason,
          quarantinedBy: 'user:default/guest',
          quarantinedAt: '2026-12-06T08:00:00.000Z',
        };
        return contractJson('POST /releases/{id}/quarantine', summary());
      },
    ),
    http.post(
      `${baseUrl}/releases/${testId('rel-2')}/quarantine/lift`,
      async ({ request }) => {
        sent.push({ path: 'lift', body: await request.json() });
        quarantine = undefined;
        return contractJson('POST /releases/{id}/quarantine/lift', summary());
      },
    ),
  );
  return sent;
}

describe('ReleaseQuarantinePanel', () => {
  it('quarantines a release with a reason, shows it as quarantined, and lifts it', async () => {
    const sent = useQuarantineBackend();
    await renderEntityTab(systemEntity, releasePath);
    expect(
      await screen.findByRole(
        'button',
        { name: 'Promote to Development' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();

    fireEvent.click(
      await screen.findByRole(
        'button',
        { name: 'Quarantine release' },
        { timeout: 10_000 },
      ),
    );
    const dialog = await screen.findByRole('dialog');
    const submit = within(dialog).getByRole('button', { name: 'Quarantine' });
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: 'too short' },
    });
    expect(submit).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: reason },
    });
    fireEvent.click(submit);

    const alert = await screen.findByText(
      'Quarantined',
      { selector: '.MuiAlertTitle-root' },
      { timeout: 10_000 },
    );
    expect(alert.parentElement).toHaveTextContent(reason);
    expect(screen.getByLabelText(`Quarantined: ${reason}`)).toBeInTheDocument();
    expect(sent).toEqual([{ path: 'quarantine', body: { reason } }]);
    // The lanes say why instead of offering Promote.
    expect(
      screen.getAllByText(
        /is quarantined: it cannot be promoted until the quarantine is lifted/,
      ).length,
    ).toBeGreaterThan(0);
    expect(
      screen.queryByRole('button', { name: /^Promote to/ }),
    ).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Lift quarantine' }));
    const liftDialog = await screen.findByRole('dialog');
    fireEvent.change(within(liftDialog).getByLabelText(/Reason/), {
      target: { value: 'The refunds bug is in the ledger, not here' },
    });
    fireEvent.click(
      within(liftDialog).getByRole('button', { name: 'Lift quarantine' }),
    );
    // The machine is shared: allow the reload more than findBy's default second.
    expect(
      await screen.findByRole(
        'button',
        { name: 'Quarantine release' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(reason)).not.toBeInTheDocument();
    expect(sent[1]).toEqual({
      path: 'lift',
      body: { reason: 'The refunds bug is in the ledger, not here' },
    });
  });

  it('shows a quarantine without the buttons to anyone without the permission', async () => {
    useQuarantineBackend({
      reason,
      quarantinedBy: 'user:default/rita',
      quarantinedAt: '2026-12-06T08:00:00.000Z',
    });
    await renderEntityTab(systemEntity, releasePath, { canCreate: false });

    expect(
      await screen.findByText(
        'Quarantined',
        { selector: '.MuiAlertTitle-root' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText(reason).length).toBeGreaterThan(0);
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Lift quarantine' }),
      ).not.toBeInTheDocument(),
    );
  });

  it('flags a quarantined release in the release list', async () => {
    useQuarantineBackend();
    server.use(
      http.get(`${baseUrl}/releases`, () =>
        contractJson('GET /releases', {
          items: releaseSummaries.map(r =>
            r.id === testId('rel-2')
              ? {
                  ...r,
                  quarantine: {
                    reason,
                    quarantinedBy: 'user:default/rita',
                    quarantinedAt: '2026-12-06T08:00:00.000Z',
                  },
                }
              : r,
          ),
        }),
      ),
    );
    await renderEntityTab(
      systemEntity,
      '/catalog/default/system/payments/releases',
    );
    const chip = await screen.findByLabelText(
      `Quarantined: ${reason}`,
      {},
      { timeout: 10_000 },
    );
    expect(chip.closest('tr')).toHaveTextContent(release2.version);
    expect(screen.getAllByLabelText(/^Quarantined:/)).toHaveLength(1);
  });
});
