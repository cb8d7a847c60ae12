import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import {
  ChangeApprovals,
  PromotionCheck,
} from '@release-orchestration/plugin-release-orchestration-common';
import { GateCheckSummary } from '../GateCheckSummary';
import { ChangeApprovalsSummary } from './ChangeApprovalsSummary';

const routes = {
  mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
};

const changeApprovals: ChangeApprovals = {
  against: { id: 'r0', version: '2026.12.01-1' },
  ownerGroups: [
    {
      group: 'group:default/checkout-team',
      components: ['component:default/cart', 'component:default/checkout-web'],
      approvedBy: 'user:default/frank',
      approvedAt: '2026-12-06T10:00:00.000Z',
    },
    {
      group: 'group:default/platform-team',
      components: ['component:default/identity-service'],
    },
  ],
  unownedComponents: ['component:default/legacy-batch'],
  commitAuthors: ['user:default/bob'],
};

describe('ChangeApprovalsSummary', () => {
  it('lists each owning group with what it owns and whether it approved, and who cannot approve as an author', async () => {
    await renderInTestApp(
      <ChangeApprovalsSummary
        changeApprovals={changeApprovals}
        policy={{
          ownersOfChangesApprove: 'also',
          commitAuthorsCannotApprove: true,
        }}
        laneTitle="Staging"
        requested
      />,
      routes,
    );
    const region = screen.getByRole('region', {
      name: 'Owners of what changed',
    });
    expect(
      within(region).getByText('Owners of what changed approve too'),
    ).toBeInTheDocument();
    expect(
      within(region).getByText(
        /compared with 2026\.12\.01-1, which Staging runs\); still to approve: platform-team\.$/,
      ),
    ).toBeInTheDocument();
    const groups = within(region).getAllByRole('listitem');
    expect(groups[0]).toHaveTextContent(
      'checkout-team (owns cart and checkout-web): approved by frank',
    );
    expect(groups[1]).toHaveTextContent(
      'platform-team (owns identity-service): waiting for one of its members',
    );
    expect(
      within(region).getByText(
        /No owning group in the catalog for legacy-batch; nobody approves for it/,
      ),
    ).toBeInTheDocument();
    expect(region).toHaveTextContent(
      'Authors of the commits it brings in cannot approve: bob.',
    );
  });

  it('says the approver groups approve when owners approve instead but no component with an owner changes', async () => {
    await renderInTestApp(
      <ChangeApprovalsSummary
        changeApprovals={{
          ownerGroups: [],
          unownedComponents: [],
          commitAuthors: [],
        }}
        policy={{ ownersOfChangesApprove: 'instead' }}
        laneTitle="Production"
      />,
      routes,
    );
    expect(
      screen.getByText(
        'No component with an owning group changes (Production runs no release yet), so the approver groups approve.',
      ),
    ).toBeInTheDocument();
  });
});

describe('GateCheckSummary with owners of what changed', () => {
  it('says the request waits for the approvers and each owning group, and shows the policy', async () => {
    const check: PromotionCheck = {
      releaseId: 'r1',
      environment: 'staging',
      rollback: false,
      policy: {
        approvers: ['group:default/engineering'],
        minApprovals: 1,
        separationOfDuties: true,
        requiredEvidence: [],
        requirePreviousEnvironment: true,
        ownersOfChangesApprove: 'also',
        commitAuthorsCannotApprove: true,
      },
      outcome: 'pending_approval',
      unmetConditions: [],
      freezes: [],
      eligibleApprovers: ['user:default/alice'],
      changeApprovals: {
        ownerGroups: [
          {
            group: 'group:default/platform-team',
            components: ['component:default/identity-service'],
          },
        ],
        unownedComponents: [],
        commitAuthors: ['user:default/bob'],
      },
    };
    await renderInTestApp(
      <GateCheckSummary
        check={check}
        lanes={[{ name: 'staging', title: 'Staging' }]}
      />,
      routes,
    );
    expect(
      screen.getByText('owners of what changed approve too'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('commit authors cannot approve'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /The request will wait for 1 approval from engineering and one from each owning group of what changed \(platform-team\)\./,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Owners of what changed' }),
    ).toHaveTextContent(
      'platform-team (owns identity-service): waiting for one of its members',
    );
  });
});
