import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { FreezeWindow } from '@release-orchestration/plugin-release-orchestration-common';
import { ReleaseOrchestrationApi, releaseOrchestrationApiRef } from '../../api';
import { FreezeBanner } from './FreezeBanner';

const hour = 3600_000;

function recurringWeekend(): FreezeWindow {
  const start = new Date(Date.now() - hour).toISOString();
  const end = new Date(Date.now() + 2 * hour).toISOString();
  const nextOpensAt = new Date(Date.now() + 7 * 24 * hour - hour).toISOString();
  return {
    id: 'recurring:weekend:production',
    environment: 'production',
    systems: [],
    start,
    end,
    reason:
      'Recurring: weekend, every Friday 16:00 - Monday 08:00 Europe/Berlin',
    createdBy: 'app-config',
    createdAt: start,
    recurring: {
      name: 'weekend',
      schedule: 'every Friday 16:00 - Monday 08:00 Europe/Berlin',
      timeZone: 'Europe/Berlin',
      nextClosesAt: end,
      nextOpensAt,
    },
  };
}

describe('FreezeBanner', () => {
  it('shows a recurring window in force with its schedule and its next closing and opening', async () => {
    const api = {
      listFreezes: async () => ({ items: [recurringWeekend()] }),
    } as unknown as ReleaseOrchestrationApi;
    await renderInTestApp(
      <TestApiProvider apis={[[releaseOrchestrationApiRef, api]]}>
        <FreezeBanner />
      </TestApiProvider>,
    );
    const region = await screen.findByRole('region', {
      name: 'Freeze windows',
    });
    expect(region.textContent).toContain('production is frozen until');
    expect(region.textContent).toContain(
      'Recurring: weekend, every Friday 16:00 - Monday 08:00 Europe/Berlin; next closes',
    );
    expect(region.textContent).toMatch(/next closes .*; next opens /);
  });
});
