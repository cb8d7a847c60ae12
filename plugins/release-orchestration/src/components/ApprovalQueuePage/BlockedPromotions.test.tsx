import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import { PromotionQueueItem } from '@release-orchestration/plugin-release-orchestration-common';
import { ReleaseOrchestrationApi, releaseOrchestrationApiRef } from '../../api';
import { BlockedPromotions, readyAtText } from './BlockedPromotions';

function blockedItem(
  version: string,
  blockedReason: string,
  readyAt?: string,
): PromotionQueueItem {
  return {
    promotion: {
      id: `p-${version}`,
      releaseId: `r-${version}`,
      releaseVersion: version,
      systemRef: 'system:default/search',
      environment: 'staging',
      state: 'blocked',
      blockedReason,
    },
    ageSeconds: 60,
    ...(readyAt ? { readyAt } : {}),
  } as unknown as PromotionQueueItem;
}

describe('BlockedPromotions', () => {
  it('lists blocked requests with when each goes on by itself', async () => {
    const items = [
      blockedItem(
        '1.2.0',
        'Release 1.2.0 has soaked in Development (dev) for 10m of 2h; ready at 2026-12-06T14:00:00.000Z (1h 50m to go)',
        '2026-12-06T14:00:00.000Z',
      ),
      blockedItem('1.3.0', 'staging is frozen until 2026-12-07T08:00:00.000Z'),
    ];
    const asked: unknown[] = [];
    const api = {
      listPromotions: async (query: unknown) => {
        asked.push(query);
        return { items };
      },
    } as unknown as ReleaseOrchestrationApi;
    await renderInTestApp(
      <TestApiProvider apis={[[releaseOrchestrationApiRef, api]]}>
        <BlockedPromotions
          laneTitle={name => (name === 'staging' ? 'Staging' : name)}
        />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    const table = await screen.findByRole('table', {
      name: 'Waiting for a soak time or a freeze',
    });
    expect(asked).toEqual([{ state: 'blocked', limit: 50 }]);
    const soaking = within(table).getByText('1.2.0').closest('tr')!;
    expect(soaking).toHaveTextContent('Staging');
    expect(soaking).toHaveTextContent(/Ready at Sun, 6 Dec 2026, \d\d:00/);
    // The reason in plain words: no ISO timestamp, the lane by its title.
    expect(soaking).toHaveTextContent(
      'has soaked in Development for 10m of 2h',
    );
    expect(soaking.textContent).not.toMatch(/\d{4}-\d\d-\d\dT/);
    const frozen = within(table).getByText('1.3.0').closest('tr')!;
    expect(frozen).toHaveTextContent('When the freeze ends');
  });

  it('says an open incident holds a soak without a ready time', () => {
    expect(
      readyAtText(
        blockedItem('2.0.0', 'Release 2.0.0 has an open incident in dev; ...'),
      ),
    ).toBe('When the incident is resolved and the soak is over');
  });

  it('shows nothing when nothing is blocked', async () => {
    let answered = false;
    const api = {
      listPromotions: async () => {
        answered = true;
        return { items: [] };
      },
    } as unknown as ReleaseOrchestrationApi;
    await renderInTestApp(
      <TestApiProvider apis={[[releaseOrchestrationApiRef, api]]}>
        <p>queue</p>
        <BlockedPromotions laneTitle={name => name} />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    await waitFor(() => expect(answered).toBe(true));
    await screen.findByText('queue');
    expect(screen.queryByRole('table')).toBeNull();
    expect(
      screen.queryByText('Waiting for a soak time or a freeze'),
    ).toBeNull();
  });
});
