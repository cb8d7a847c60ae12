import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { paymentsLanes } from '../../__testUtils__/environmentFixtures';
import { LaneSummaryCell } from './LaneSummaryCell';

describe('LaneSummaryCell', () => {
  it('flags a quarantined current release, and only that one', async () => {
    const [lane, other] = paymentsLanes;
    const reason = 'Corrupts refunds above 1,000 EUR';
    await renderInTestApp(
      <>
        <LaneSummaryCell
          lane={{
            ...lane,
            currentRelease: {
              ...lane.currentRelease!,
              quarantineReason: reason,
            },
          }}
          releaseLink={id => `/releases/${id}`}
          onShowDrift={() => {}}
        />
        <LaneSummaryCell
          lane={other}
          releaseLink={id => `/releases/${id}`}
          onShowDrift={() => {}}
        />
      </>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(screen.getAllByLabelText(/^Quarantined:/)).toEqual([
      screen.getByLabelText(`Quarantined: ${reason}`),
    ]);
  });
});
