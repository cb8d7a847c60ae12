import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  RollbackCheck,
  RollbackRequest,
} from '@release-orchestration/plugin-release-orchestration-common';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import {
  paymentsEnvironments,
  paymentsLanes,
} from '../../__testUtils__/environmentFixtures';
import { createFakeEnvironmentBackend } from '../../__testUtils__/environmentHandlers';
import { systemEntity } from '../../__testUtils__/fixtures';
import { baseUrl, createFakeBackend } from '../../__testUtils__/handlers';
import { contractJson } from '../../__testUtils__/openapiContract';
import {
  productionCheck,
  promotionOf,
} from '../../__testUtils__/promotionFixtures';
import { renderEntityTab } from '../../__testUtils__/renderEntityTab';
import { testId } from '../../__testUtils__/testId';

const LOADED = { timeout: 10_000 };
const server = setupServer();
registerMswTestHooks(server);
const TAB = '/catalog/default/system/payments/releases';
const rel1 = { id: testId('rel-1'), version: '2026.03.01-1' };
const rel2 = { id: testId('rel-2'), version: '2026.03.05-1' };
const sha = 'abc1234def5678abc1234def5678abc1234def56';

const devRollback: RollbackCheck = {
  environment: 'dev',
  target: rel1,
  current: rel2,
  check: {
    ...productionCheck,
    releaseId: rel1.id,
    environment: 'dev',
    rollback: true,
    outcome: 'approved',
    eligibleApprovers: [],
  },
  changes: [
    {
      componentRef: 'component:default/payments-api',
      change: 'changed',
      fromVersion: '1.4.0',
      toVersion: '1.3.0',
      commits: [],
      revertedCommits: [
        {
          sha,
          time: '2026-03-04T09:00:00.000Z',
          message: 'Faster refunds (#123)',
          author: 'Ada Lovelace',
          version: '1.4.0',
          references: [{ kind: 'pullRequest', text: '#123' }],
        },
      ],
    },
  ],
};

const productionRollback: RollbackCheck = {
  environment: 'production',
  current: rel1,
  refusal: {
    code: 'not-known-good',
    message:
      'no earlier release of system:default/payments succeeded in production; there is nothing known to be good to roll back to',
  },
};

describe('Roll back to known-good in the matrix lane header', () => {
  let requested: RollbackRequest[];
  let environmentRequests: () => number;
  beforeEach(() => {
    requested = [];
    const environments = createFakeEnvironmentBackend({
      'system:default/payments': {
        ...paymentsEnvironments,
        // Staging has no known-good release.
        environments: paymentsLanes.map(lane =>
          lane.environment === 'staging'
            ? { ...lane, knownGoodRelease: undefined }
            : lane,
        ),
      },
    });
    environmentRequests = () => environments.state.requests.length;
    server.use(
      http.get(
        `${baseUrl}/systems/default/payments/rollback/check`,
        ({ request }) => {
          const environment = new URL(request.url).searchParams.get(
            'environment',
          );
          return contractJson(
            'GET /systems/{namespace}/{name}/rollback/check',
            environment === 'dev' ? devRollback : productionRollback,
          );
        },
      ),
      http.post(
        `${baseUrl}/systems/default/payments/rollback`,
        async ({ request }) => {
          const body = (await request.json()) as RollbackRequest;
          requested.push(body);
          return contractJson(
            'POST /systems/{namespace}/{name}/rollback',
            promotionOf(testId('promo-rb'), 'dev', {
              releaseId: rel1.id,
              releaseVersion: rel1.version,
              state: 'approved',
              rollback: true,
              justification: body.justification,
            }),
            201,
          );
        },
      ),
      ...environments.handlers,
      ...createFakeBackend().handlers,
    );
  });

  it('shows the target, what changes and the gate check before confirming, then asks for the rollback', async () => {
    await renderEntityTab(systemEntity, TAB);

    await userEvent.click(
      await screen.findByRole(
        'button',
        { name: 'Roll back to known-good in Development' },
        LOADED,
      ),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText(
        /Development goes back from/,
        undefined,
        LOADED,
      ),
    ).toHaveTextContent(
      'Development goes back from 2026.03.05-1 to 2026.03.01-1, the newest release that succeeded there without an open incident.',
    );
    expect(
      within(dialog).getByText(
        /No approval is needed: the rollback is approved at once/,
      ),
    ).toBeInTheDocument();
    // What the rollback takes out, commit by commit.
    expect(within(dialog).getByText('1.4.0 → 1.3.0')).toBeInTheDocument();
    expect(within(dialog).getByText('Reverted:')).toBeInTheDocument();
    expect(
      within(dialog).getByText(/Faster refunds \(#123\)/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('Gate check (rollback policy)'),
    ).toBeInTheDocument();

    const before = environmentRequests();
    await userEvent.type(
      within(dialog).getByLabelText(/Why roll back/),
      'error rate up',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Roll back to 2026.03.01-1' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(requested).toEqual([
      {
        environment: 'dev',
        toRelease: rel1.id,
        justification: 'error rate up',
      },
    ]);
    // The lanes reload to show the rollback.
    await waitFor(() => expect(environmentRequests()).toBeGreaterThan(before));
  });

  it('says why there is nothing to roll back to, and offers no confirmation', async () => {
    await renderEntityTab(systemEntity, TAB);

    await userEvent.click(
      await screen.findByRole(
        'button',
        { name: 'Roll back to known-good in Production' },
        LOADED,
      ),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText(
        /Nothing to roll back to/,
        undefined,
        LOADED,
      ),
    ).toHaveTextContent(/fix forward/);
    expect(
      within(dialog).getByRole('button', { name: 'Roll back to known-good' }),
    ).toBeDisabled();
  });

  it('says why a lane offers no rollback', async () => {
    await renderEntityTab(systemEntity, TAB);

    expect(
      await screen.findByLabelText('Staging: rollback', undefined, LOADED),
    ).toHaveTextContent(
      'No rollback: no release succeeded here without an open incident. Fix forward: promote a release with the fix.',
    );
    expect(
      screen.queryByRole('button', {
        name: 'Roll back to known-good in Staging',
      }),
    ).not.toBeInTheDocument();
  });
});
