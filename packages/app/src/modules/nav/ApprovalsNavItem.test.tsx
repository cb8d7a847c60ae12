import { renderInTestApp } from '@backstage/frontend-test-utils';
import { Sidebar } from '@backstage/core-components';
import {
  releaseOrchestrationApiRef,
  ReleaseOrchestrationApi,
} from '@release-orchestration/plugin-release-orchestration';
import { screen } from '@testing-library/react';
import { NavContentNavItem } from '@backstage/plugin-app-react';
import { ApprovalsNavItem } from './ApprovalsNavItem';

const item = {
  href: '/release-orchestration/approvals',
  title: 'Approvals',
  icon: <span>icon</span>,
} as unknown as NavContentNavItem;

function renderWithQueue(
  listPromotions: ReleaseOrchestrationApi['listPromotions'],
) {
  const api = {
    listPromotions,
  } as Partial<ReleaseOrchestrationApi> as ReleaseOrchestrationApi;
  return renderInTestApp(
    <Sidebar>
      <ApprovalsNavItem {...item} />
    </Sidebar>,
    {
      apis: [[releaseOrchestrationApiRef, api]],
      config: {
        app: { title: 'Demo' },
        backend: { baseUrl: 'http://localhost:7007' },
      },
    },
  );
}

describe('ApprovalsNavItem', () => {
  it('links to the queue with a badge counting what waits for the user', async () => {
    const listPromotions = jest.fn(async () => ({
      items: [{}, {}, {}] as any,
    }));
    renderWithQueue(listPromotions);

    expect(
      await screen.findByLabelText('3 waiting for your approval'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Approvals (3)' })).toHaveAttribute(
      'href',
      '/release-orchestration/approvals',
    );
    expect(listPromotions).toHaveBeenCalledWith({
      state: 'pending_approval',
      approver: 'me',
      limit: 200,
    });
  });

  it('says when more wait than one page of the queue holds', async () => {
    renderWithQueue(async () => ({ items: [{}] as any, nextCursor: 'next' }));
    expect(
      await screen.findByLabelText('1+ waiting for your approval'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Approvals (1+)' }),
    ).toBeInTheDocument();
  });

  it('shows no badge when nothing waits', async () => {
    const listPromotions = jest.fn(async () => ({ items: [] }));
    renderWithQueue(listPromotions);
    expect(
      await screen.findByRole('link', { name: 'Approvals' }),
    ).toBeInTheDocument();
    await new Promise(r => setTimeout(r, 50));
    expect(listPromotions).toHaveBeenCalled();
    expect(
      screen.queryByLabelText(/waiting for your approval/),
    ).not.toBeInTheDocument();
  });
});
