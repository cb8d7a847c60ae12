import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import {
  freshEnvironments,
  paymentsEnvironments,
  paymentsLanes,
} from '../../__testUtils__/environmentFixtures';
import { createFakeEnvironmentBackend } from '../../__testUtils__/environmentHandlers';
import { systemEntity } from '../../__testUtils__/fixtures';
import {
  baseUrl,
  createFakeBackend,
  errorResponse,
} from '../../__testUtils__/handlers';
import { renderEntityTab } from '../../__testUtils__/renderEntityTab';
import { testId } from '../../__testUtils__/testId';

const server = setupServer();
registerMswTestHooks(server);

const TAB = '/catalog/default/system/payments/releases';
const lane = (title: string) =>
  screen.getByRole('cell', { name: `${title} lane` });
const matrix = () => screen.getByRole('table', { name: 'Environment matrix' });
const componentRow = (name: string) =>
  within(matrix()).getByRole('row', { name: new RegExp(`^${name} `) });
/** The text of a component row's cells per lane, after its name. */
const laneTexts = (name: string) =>
  within(componentRow(name))
    .getAllByRole('cell')
    .slice(1)
    .map(c => c.textContent);

describe('the environment matrix on the System Releases tab', () => {
  beforeEach(() => server.use(...createFakeBackend().handlers));

  it('links every lane but production to what its release changed since production', async () => {
    server.use(...createFakeEnvironmentBackend().handlers);
    await renderEntityTab(systemEntity, TAB);

    const dev = await screen.findByRole('cell', { name: 'Development lane' });
    expect(
      within(dev).getByRole('link', {
        name: "Development's release 2026.03.05-1: changed since Production",
      }),
    ).toHaveAttribute('href', `${TAB}/${testId('rel-2')}?against=production`);
    expect(
      within(lane('Production')).queryByText(/Changed since/),
    ).not.toBeInTheDocument();
  });

  it('shows each lane in promotion order with its release, deployer, known-good, drift, deployment and incoming changes', async () => {
    server.use(...createFakeEnvironmentBackend().handlers);
    await renderEntityTab(systemEntity, TAB);

    await screen.findByRole('cell', { name: 'Development lane' });
    const headers = within(matrix())
      .getAllByRole('columnheader')
      .map(h => h.textContent)
      .filter(Boolean);
    // Each lane's header: its title and the rollback it offers.
    expect(headers).toEqual([
      'DevelopmentRoll back to known-good',
      'StagingRoll back to known-good',
      'ProductionRoll back to known-good',
    ]);

    const dev = lane('Development');
    expect(
      within(dev).getByRole('link', { name: '2026.03.05-1' }),
    ).toHaveAttribute('href', `${TAB}/${testId('rel-2')}`);
    expect(dev).toHaveTextContent(/deployed .+ by alice/);
    expect(within(dev).getByRole('link', { name: 'alice' })).toHaveAttribute(
      'href',
      '/catalog/default/user/alice',
    );
    expect(
      within(dev).getByRole('img', { name: 'known-good' }),
    ).toBeInTheDocument();
    expect(within(dev).getByText('In sync')).toBeInTheDocument();
    expect(within(dev).queryByText(/incoming/)).not.toBeInTheDocument();

    const staging = lane('Staging');
    expect(
      within(staging).getByRole('link', { name: '2026.03.01-1' }),
    ).toBeInTheDocument();
    expect(staging).toHaveTextContent(/deployed .+ by ci-pipeline/);
    expect(
      within(staging).getByRole('button', {
        name: /Drifted: 2 components in Staging/,
      }),
    ).toBeInTheDocument();
    // diff2 adds one component, changes one and removes one.
    expect(staging).toHaveTextContent(
      '3 changes incoming from Development (2026.03.05-1)',
    );

    const production = lane('Production');
    expect(within(production).getByText('rollback')).toBeInTheDocument();
    expect(production).toHaveTextContent(/deployed .+ by carol/);
    expect(
      within(production).getByText('Deploying 2026.03.05-1'),
    ).toBeInTheDocument();
    expect(
      within(production).getByText('Up to date with Staging'),
    ).toBeInTheDocument();

    // The release list is still there below the matrix.
    expect(
      await screen.findByRole('columnheader', { name: 'Author' }),
    ).toBeInTheDocument();
  });

  it('shows every component as a row with the version running in each lane, drift highlighted', async () => {
    server.use(...createFakeEnvironmentBackend().handlers);
    await renderEntityTab(systemEntity, TAB);
    await screen.findByRole('cell', { name: 'Development lane' });

    const apiRow = componentRow('payments-api');
    expect(laneTexts('payments-api')).toEqual([
      '1.4.0',
      '1.4.0 expected 1.3.0',
      '1.3.0',
    ]);
    expect(
      within(apiRow).getByRole('button', {
        name: 'payments-api in Staging: 1.4.0, expected 1.3.0. Show drift details',
      }),
    ).toBeInTheDocument();

    expect(laneTexts('payments-worker')).toEqual([
      '—',
      '2.1.0 not in the release',
      '—',
    ]);
    expect(laneTexts('payments-ledger')).toEqual(['0.9.0', '—', '—']);
    expect(laneTexts('payments-legacy')).toEqual(['—', '3.0.0', '3.0.0']);
    const firstCells = within(matrix())
      .getAllByRole('row')
      .slice(1)
      .map(row => within(row).getAllByRole('cell')[0].textContent);
    expect(firstCells).toEqual([
      'Release',
      expect.stringMatching(/^Version running per component/),
      'payments-api',
      'payments-ledger',
      'payments-legacy',
      'payments-worker',
    ]);
  });

  it('opens the component-level drift of a lane from its badge, and from a drifted cell', async () => {
    server.use(...createFakeEnvironmentBackend().handlers);
    await renderEntityTab(systemEntity, TAB);
    await screen.findByRole('cell', { name: 'Staging lane' });

    await userEvent.click(
      within(lane('Staging')).getByRole('button', {
        name: /Drifted: 2 components/,
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Drift in Staging',
    });
    expect(
      within(dialog).getByRole('link', { name: '2026.03.01-1' }),
    ).toHaveAttribute('href', `${TAB}/${testId('rel-1')}`);
    const rows = within(dialog).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const api = within(rows[0]);
    expect(api.getByText('payments-api')).toBeInTheDocument();
    expect(api.getByText('1.3.0')).toBeInTheDocument();
    expect(api.getByText('1.4.0')).toBeInTheDocument();
    expect(
      api.getByText('Runs another version than the release'),
    ).toBeInTheDocument();
    expect(api.getByText('2026-03-06 08:00 UTC')).toBeInTheDocument();
    const worker = within(rows[1]);
    expect(worker.getByText('payments-worker')).toBeInTheDocument();
    expect(worker.getByText('—')).toBeInTheDocument();
    expect(worker.getByText('2.1.0')).toBeInTheDocument();
    expect(
      worker.getByText('Running, but not in the release'),
    ).toBeInTheDocument();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );

    await userEvent.click(
      screen.getByRole('button', { name: /^payments-worker in Staging/ }),
    );
    expect(
      await screen.findByRole('dialog', { name: 'Drift in Staging' }),
    ).toBeInTheDocument();
  });

  it('says so when nothing was deployed: every lane unknown, no component rows', async () => {
    server.use(
      ...createFakeEnvironmentBackend({
        'system:default/payments': freshEnvironments,
      }).handlers,
    );
    await renderEntityTab(systemEntity, TAB);

    expect(
      await screen.findByText(
        /Nothing has been deployed to any environment yet/,
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Unknown')).toHaveLength(3);
    expect(screen.getAllByText('No release deployed')).toHaveLength(3);
    expect(
      screen.getByText('No component has been deployed to any environment yet'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /show details/ }),
    ).not.toBeInTheDocument();
  });

  it('shows a failed last deployment and a known-good release that is not the current one', async () => {
    const [dev, staging, production] = paymentsLanes;
    const failedProduction = {
      ...production,
      currentRelease: {
        ...staging.currentRelease!,
        rollback: false,
        deployer: 'user:default/dave',
      },
      knownGoodRelease: {
        ...dev.knownGoodRelease!,
        id: testId('rel-0'),
        version: '2026.02.20-1',
      },
      lastDeployment: {
        ...production.lastDeployment!,
        status: 'failed' as const,
        finishedAt: '2026-03-06T09:30:00.000Z',
      },
    };
    server.use(
      ...createFakeEnvironmentBackend({
        'system:default/payments': {
          ...paymentsEnvironments,
          environments: [dev, staging, failedProduction],
        },
      }).handlers,
    );
    await renderEntityTab(systemEntity, TAB);

    const prod = await screen.findByRole('cell', { name: 'Production lane' });
    expect(within(prod).getByText('Failed: 2026.03.05-1')).toBeInTheDocument();
    expect(within(prod).queryByText(/Deploying/)).not.toBeInTheDocument();
    expect(within(prod).getByText(/Known-good/)).toBeInTheDocument();
    expect(
      within(prod).getByRole('link', { name: '2026.02.20-1' }),
    ).toHaveAttribute('href', `${TAB}/${testId('rel-0')}`);
    // The shield marks the known-good release only.
    expect(
      within(prod).getAllByRole('img', { name: 'known-good' }),
    ).toHaveLength(1);
  });

  it("shows the server's error in the matrix and still lists the releases", async () => {
    server.use(
      http.get(`${baseUrl}/systems/:namespace/:name/environments`, () =>
        errorResponse(
          503,
          'ServiceUnavailableError',
          'drift is being recomputed',
        ),
      ),
    );
    await renderEntityTab(systemEntity, TAB);

    expect(
      await screen.findByText(/drift is being recomputed/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Could not load the environments/),
    ).toBeInTheDocument();
    expect(await screen.findByText('2026.03.05-1')).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Environment matrix' }),
    ).not.toBeInTheDocument();
  });
});
