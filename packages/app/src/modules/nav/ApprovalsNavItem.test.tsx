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
  countPromotions: ReleaseOrchestrationApi['countPromotions'],
) {
  const api = {
    countPromotions,
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
    const countPromotions = jest.fn(async () => ({ count: 3 }));
    renderWithQueue(countPromotions);

    expect(
      await screen.findByLabelText('3 waiting for your approval'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Approvals (3)' })).toHaveAttribute(
      'href',
      '/release-orchestration/approvals',
    );
    // The count alone, not the queue's promotions.
    expect(countPromotions).toHaveBeenCalledWith({
      state: 'pending_approval',
      approver: 'me',
    });
  });

  it('counts beyond one page of the queue', async () => {
    renderWithQueue(async () => ({ count: 1234 }));
    expect(
      await screen.findByLabelText('1234 waiting for your approval'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Approvals (1234)' }),
    ).toBeInTheDocument();
  });

  it('shows no badge when nothing waits', async () => {
    const countPromotions = jest.fn(async () => ({ count: 0 }));
    renderWithQueue(countPromotions);
    expect(
      await screen.findByRole('link', { name: 'Approvals' }),
    ).toBeInTheDocument();
    await new Promise(r => setTimeout(r, 50));
    expect(countPromotions).toHaveBeenCalled();
    expect(
      screen.queryByLabelText(/waiting for your approval/),
    ).not.toBeInTheDocument();
  });
});
