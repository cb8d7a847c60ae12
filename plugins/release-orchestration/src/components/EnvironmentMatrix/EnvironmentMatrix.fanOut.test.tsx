import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { EnvironmentState } from '@release-orchestration/plugin-release-orchestration-common';
import { paymentsLanes } from '../../__testUtils__/environmentFixtures';
import { EnvironmentMatrix } from './EnvironmentMatrix';

describe('the environment matrix after a fan-out', () => {
  it('shows both production lanes after staging, each comparing with staging', async () => {
    const [dev, staging, production] = paymentsLanes;
    const branch = (environment: string, title: string): EnvironmentState => ({
      ...production,
      environment,
      title,
      incoming: {
        fromEnvironment: 'staging',
        changes: [],
        ...(staging.currentRelease
          ? {
              release: {
                id: staging.currentRelease.id,
                version: staging.currentRelease.version,
              },
            }
          : {}),
      },
    });
    await renderInTestApp(
      <EnvironmentMatrix
        lanes={[
          dev,
          staging,
          branch('production-eu', 'Production EU'),
          branch('production-us', 'Production US'),
        ]}
        releaseLink={id => `/releases/${id}`}
      />,
      {
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );
    const table = screen.getByRole('table', { name: 'Environment matrix' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(headers).toEqual([
      '',
      'Development',
      'Staging',
      'Production EU',
      'Production USafter Staging',
    ]);
    // The US lane's incoming changes come from Staging, not from the EU column before it.
    const us = screen.getByRole('cell', { name: 'Production US lane' });
    expect(within(us).queryByText(/Production EU/)).not.toBeInTheDocument();
    expect(within(us).getByText(/Staging/)).toBeInTheDocument();
  });
});
