import { identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { ReactElement } from 'react';
import { ReleaseOrchestrationApi, releaseOrchestrationApiRef } from '../../api';
import { doraCatalog, teamReports } from '../../__testUtils__/doraFixtures';
import {
  environmentPolicies,
  paymentsEnvironments,
} from '../../__testUtils__/environmentFixtures';
import { queueItems } from '../../__testUtils__/promotionFixtures';
import { approvalsRouteRef, doraRouteRef } from '../../routes';
import { MySystemsCard } from './MySystemsCard';
import { MyTeamsDeliveryCard } from './MyTeamsDeliveryCard';
import { PendingApprovalsCard } from './PendingApprovalsCard';
import {
  HomePageMySystemsCard,
  HomePageMyTeamsDeliveryCard,
  HomePagePendingApprovalsCard,
} from '../../plugin';
import {
  myTeamsDeliveryHomePageWidget,
  mySystemsHomePageWidget,
  pendingApprovalsHomePageWidget,
} from '../../alpha';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';

const LOADED = { timeout: 10_000 };

/** payments-team owns payments; checkout-team owns checkout; the guest is in payments-team. */
const catalog = doraCatalog.map(entity =>
  entity.kind === 'System'
    ? {
        ...entity,
        relations: [
          {
            type: 'ownedBy',
            targetRef: String(entity.spec?.owner).includes(':')
              ? String(entity.spec?.owner)
              : `group:default/${entity.spec?.owner}`,
          },
        ],
      }
    : entity,
);

function renderCard(
  element: ReactElement,
  api: Partial<ReleaseOrchestrationApi>,
  ownershipEntityRefs = ['user:default/guest', 'group:default/payments-team'],
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [releaseOrchestrationApiRef, api as ReleaseOrchestrationApi],
        [catalogApiRef, catalogApiMock({ entities: catalog })],
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: 'user:default/guest',
            ownershipEntityRefs,
          }),
        ],
      ]}
    >
      {element}
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/release-orchestration/approvals': approvalsRouteRef,
        '/release-orchestration/dora': doraRouteRef,
      },
    },
  );
}

describe('PendingApprovalsCard', () => {
  it('lists what waits for the user, oldest first, with lane titles and a link to the queue', async () => {
    const listPromotions = jest.fn(async () => ({ items: queueItems }));
    await renderCard(<PendingApprovalsCard limit={2} />, {
      listPromotions,
      listEnvironments: async () => ({ items: environmentPolicies }),
    });
    const table = await screen.findByRole(
      'table',
      { name: 'Waiting for my approval' },
      LOADED,
    );
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const oldest = [...queueItems].sort((a, b) => b.ageSeconds - a.ageSeconds);
    expect(rows[0]).toHaveTextContent(oldest[0].promotion.releaseVersion);
    expect(rows[0]).toHaveTextContent('Production');
    expect(rows[0]).not.toHaveTextContent('production');
    expect(
      screen.getByText(`${queueItems.length} promotions wait for your vote`),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Open the approval queue/ }),
    ).toHaveAttribute('href', '/release-orchestration/approvals');
    expect(listPromotions).toHaveBeenCalledWith({
      state: 'pending_approval',
      approver: 'me',
      limit: 200,
    });
  });

  it('says when nothing waits', async () => {
    await renderCard(<PendingApprovalsCard />, {
      listPromotions: async () => ({ items: [] }),
      listEnvironments: async () => ({ items: environmentPolicies }),
    });
    expect(
      await screen.findByText('Nothing waits for your approval', {}, LOADED),
    ).toBeInTheDocument();
  });
});

describe('MySystemsCard', () => {
  it("shows each lane's release of the Systems the user's teams own, and drift", async () => {
    const getSystemEnvironments = jest.fn(async () => paymentsEnvironments);
    await renderCard(<MySystemsCard />, { getSystemEnvironments });
    const table = await screen.findByRole(
      'table',
      { name: 'My Systems' },
      LOADED,
    );
    expect(getSystemEnvironments).toHaveBeenCalledTimes(1);
    expect(getSystemEnvironments).toHaveBeenCalledWith(
      'system:default/payments',
    );
    const rows = within(table).getAllByRole('row');
    expect(rows[0]).toHaveTextContent('Production');
    expect(rows[1]).toHaveTextContent('payments');
    expect(rows[1]).toHaveTextContent('2026.03.05-1');
    expect(within(rows[1]).getByText(/Drifted/)).toBeInTheDocument();
  });

  it('says so when the user owns no System', async () => {
    await renderCard(<MySystemsCard />, { getSystemEnvironments: jest.fn() }, [
      'user:default/nobody',
    ]);
    expect(
      await screen.findByText('No Systems of yours', {}, LOADED),
    ).toBeInTheDocument();
  });
});

describe('MyTeamsDeliveryCard', () => {
  it("shows the DORA metrics of the user's teams, linking to each team's tab", async () => {
    const getDoraReport = jest.fn(async ({ entity }: { entity: string }) => {
      const report = teamReports[entity];
      if (!report) throw new Error(`unexpected ${entity}`);
      return report;
    });
    await renderCard(<MyTeamsDeliveryCard />, {
      getDoraReport: getDoraReport as ReleaseOrchestrationApi['getDoraReport'],
    });
    const link = await screen.findByRole(
      'link',
      { name: 'Payments Team' },
      LOADED,
    );
    expect(link.getAttribute('href')).toMatch(
      /^\/catalog\/default\/group\/payments-team\/delivery-performance/,
    );
    expect(getDoraReport).toHaveBeenCalledTimes(1);
    expect(
      screen.getByRole('table', { name: 'Delivery performance of my teams' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Every team/ })).toHaveAttribute(
      'href',
      '/release-orchestration/dora',
    );
  });
});

const pendingApi = {
  listPromotions: async () => ({ items: queueItems }),
  listEnvironments: async () => ({ items: environmentPolicies }),
};

describe('home page cards for @backstage/plugin-home (legacy frontend system)', () => {
  it('"Waiting for my approval": the card frame has the title, the body the rows, the footer the queue link', async () => {
    await renderCard(<HomePagePendingApprovalsCard limit={1} />, pendingApi);
    const table = await screen.findByRole(
      'table',
      { name: 'Waiting for my approval' },
      LOADED,
    );
    expect(within(table).getAllByRole('row').slice(1)).toHaveLength(1);
    expect(screen.getByText('Waiting for my approval')).toBeInTheDocument();
    expect(
      screen.getByText(`${queueItems.length} promotions wait for your vote`),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open the approval queue' }),
    ).toHaveAttribute('href', '/release-orchestration/approvals');
  });

  it('"My Systems" and "Delivery performance of my teams" take a title from the home page', async () => {
    await renderCard(<HomePageMySystemsCard title="Our Systems" />, {
      getSystemEnvironments: async () => paymentsEnvironments,
    });
    expect(
      await screen.findByRole('table', { name: 'My Systems' }, LOADED),
    ).toHaveTextContent('2026.03.05-1');
    expect(screen.getByText('Our Systems')).toBeInTheDocument();
  });

  it('"Delivery performance of my teams" links to every team', async () => {
    await renderCard(<HomePageMyTeamsDeliveryCard />, {
      getDoraReport: (async ({ entity }: { entity: string }) =>
        teamReports[entity]) as ReleaseOrchestrationApi['getDoraReport'],
    });
    expect(
      await screen.findByRole(
        'link',
        { name: 'Payments Team' },
        {
          timeout: 10_000,
        },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Delivery performance of my teams'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Every team' })).toHaveAttribute(
      'href',
      '/release-orchestration/dora',
    );
  });
});

describe('home page widgets (new frontend system)', () => {
  it('are three widgets for page:home with titles, descriptions and layout hints', () => {
    const widgets = [
      createExtensionTester(pendingApprovalsHomePageWidget),
      createExtensionTester(mySystemsHomePageWidget),
      createExtensionTester(myTeamsDeliveryHomePageWidget),
    ].map(tester => tester.get(HomePageWidgetBlueprint.dataRefs.widget));
    expect(widgets.map(w => w.title)).toEqual([
      'Waiting for my approval',
      'My Systems',
      'Delivery performance of my teams',
    ]);
    expect(widgets.map(w => w.name)).toEqual([
      'ReleaseOrchestrationPendingApprovals',
      'ReleaseOrchestrationMySystems',
      'ReleaseOrchestrationMyTeamsDelivery',
    ]);
    expect(widgets.map(w => w.node.spec.attachTo)).toEqual(
      Array(3).fill({ id: 'page:home', input: 'widgets' }),
    );
    expect(widgets.map(w => w.layout?.width?.defaultColumns)).toEqual([
      12, 12, 12,
    ]);
    for (const widget of widgets) {
      expect(widget.description).toMatch(/\w/);
    }
  });

  it('renders "Waiting for my approval" in the home card frame', async () => {
    const widget = createExtensionTester(pendingApprovalsHomePageWidget).get(
      HomePageWidgetBlueprint.dataRefs.widget,
    );
    await renderCard(widget.component, pendingApi);
    expect(
      await screen.findByRole(
        'table',
        { name: 'Waiting for my approval' },
        LOADED,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Waiting for my approval')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open the approval queue' }),
    ).toBeInTheDocument();
  });
});
