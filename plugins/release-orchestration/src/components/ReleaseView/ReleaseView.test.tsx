import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { http } from 'msw';
import { contractJson } from '../../__testUtils__/openapiContract';
import { setupServer } from 'msw/node';
import { release2, systemEntity } from '../../__testUtils__/fixtures';
import {
  baseUrl,
  createFakeBackend,
  errorResponse,
} from '../../__testUtils__/handlers';
import { promotionLanes } from '../../__testUtils__/promotionFixtures';
import { renderEntityTab } from '../../__testUtils__/renderEntityTab';
import { testId } from '../../__testUtils__/testId';

const LOADED = { timeout: 10_000 };
const server = setupServer();
registerMswTestHooks(server);

const releasePath = (id: string) =>
  `/catalog/default/system/payments/releases/${id}`;

describe('ReleaseView', () => {
  beforeEach(() =>
    server.use(
      ...createFakeBackend().handlers,
      http.get(`${baseUrl}/environments`, () =>
        contractJson('GET /environments', { items: promotionLanes }),
      ),
    ),
  );

  it('shows what the release is and its manifest', async () => {
    await renderEntityTab(systemEntity, releasePath(testId('rel-2')));

    expect(await screen.findByText('Release 2026.03.05-1')).toBeInTheDocument();
    expect(screen.getByText('Faster refunds')).toBeInTheDocument();
    expect(screen.getByText('high risk')).toBeInTheDocument();
    expect(screen.getByText('Manifest digest')).toBeInTheDocument();
    expect(screen.getByText(`sha256:${'5e'.repeat(32)}`)).toBeInTheDocument();

    expect(screen.getByText('Manifest')).toBeInTheDocument();
    const apiRow = screen
      .getByText('registry.example.com/payments-api:1.4.0')
      .closest('tr')!;
    expect(within(apiRow).getByText('1.4.0')).toBeInTheDocument();
    expect(within(apiRow).getByText('sha256:dddddddddddd')).toBeInTheDocument();
    expect(within(apiRow).getByText('d1e2f3a')).toBeInTheDocument();
    expect(within(apiRow).getByText('Build').closest('a')).toHaveAttribute(
      'href',
      'https://ci.example.com/payments-api/1.4.0',
    );
    expect(
      within(apiRow).getByRole('link', { name: /payments-api/ }),
    ).toHaveAttribute('href', '/catalog/default/component/payments-api');
    const ledgerRow = screen
      .getByText('registry.example.com/payments-ledger:0.9.0')
      .closest('tr')!;
    expect(within(ledgerRow).getByText('—')).toBeInTheDocument();
  });

  it('shows the diff against the previous release with coloured chips', async () => {
    await renderEntityTab(systemEntity, releasePath(testId('rel-2')));

    const changes = await screen.findByRole('list', {
      name: 'Component changes',
    });
    const items = within(changes).getAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      'changedpayments-api1.3.0 → 1.4.0',
      'addedpayments-ledgernew at 0.9.0',
      'removedpayments-legacywas 3.0.0, not in this release',
    ]);
    expect(
      screen.getByText('1 changed, 1 added, 1 removed, 0 unchanged'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '2026.03.01-1' })).toHaveAttribute(
      'href',
      releasePath('2026.03.01-1'),
    );
  });

  it('opens a release by its version name within the System, and says when there is none', async () => {
    const { unmount } = await renderEntityTab(
      systemEntity,
      releasePath('2026.03.05-1'),
    );
    expect(
      await screen.findByText('Release 2026.03.05-1', undefined, LOADED),
    ).toBeInTheDocument();
    unmount();

    await renderEntityTab(systemEntity, releasePath('2026.03.09-9'));
    expect(
      await screen.findByText(/Release not found/, undefined, LOADED),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'system:default/payments has no release named 2026.03.09-9',
      ),
    ).toBeInTheDocument();
  });

  it('says so for the first release instead of diffing', async () => {
    server.use(
      http.get(`${baseUrl}/releases/${testId('rel-2')}`, () =>
        contractJson('GET /releases/{id}', {
          ...release2,
          evidence: [],
          promotions: [],
          previousReleaseId: undefined,
        }),
      ),
    );
    await renderEntityTab(systemEntity, releasePath(testId('rel-2')));

    expect(
      await screen.findByText(/first release of this System/),
    ).toBeInTheDocument();
  });

  it('reports an unknown release', async () => {
    server.use(
      http.get(`${baseUrl}/releases/nope`, () =>
        errorResponse(404, 'NotFoundError', "No release with id 'nope'"),
      ),
    );
    await renderEntityTab(systemEntity, releasePath('nope'));

    expect(await screen.findByText(/Release not found/)).toBeInTheDocument();
    expect(screen.getByText("No release with id 'nope'")).toBeInTheDocument();
    expect(screen.getByText('All releases').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/system/payments/releases',
    );
  });
});
