import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { windowMetrics } from '../../__testUtils__/doraFixtures';
import { DoraTrendIndicator } from './DoraTrendIndicator';

describe('DoraTrendIndicator', () => {
  it('points the way the number went and says whether that is better', async () => {
    await renderInTestApp(
      <DoraTrendIndicator
        metric="deploymentFrequency"
        trend="improved"
        previous={windowMetrics({ endsDaysAgo: 90, deployments: 9 })}
      />,
    );
    expect(
      screen.getByRole('img', {
        name: 'up from 3 per month in the previous 90 days: better',
      }),
    ).toBeInTheDocument();
  });

  it('shows no arrow when the previous window had no production deployment', async () => {
    await renderInTestApp(
      <>
        <span>row</span>
        <DoraTrendIndicator
          metric="deploymentFrequency"
          trend="improved"
          previous={windowMetrics({ endsDaysAgo: 90, deployments: 0 })}
        />
      </>,
    );
    expect(screen.getByText('row')).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });
});
