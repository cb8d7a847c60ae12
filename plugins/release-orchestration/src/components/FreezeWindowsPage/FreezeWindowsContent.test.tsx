import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FreezeWindow } from '@release-orchestration/plugin-release-orchestration-common';
import { ReleaseOrchestrationApi, releaseOrchestrationApiRef } from '../../api';
import { FreezeWindowsContent } from './FreezeWindowsContent';

const RULE_ID = 'c0ffee00-0000-4000-8000-000000000001';
const LOADED = { timeout: 10_000 };

function portalWindow(): FreezeWindow {
  return {
    id: 'recurring:weekend:production',
    environment: 'production',
    systems: [],
    start: '2026-12-11T15:00:00.000Z',
    end: '2026-12-14T07:00:00.000Z',
    reason:
      'Recurring: weekend, every Friday 16:00 - Monday 08:00 Europe/Berlin (No weekend deploys)',
    createdBy: 'user:default/carol',
    createdAt: '2026-12-11T15:00:00.000Z',
    recurring: {
      name: 'weekend',
      ruleId: RULE_ID,
      schedule: 'every Friday 16:00 - Monday 08:00 Europe/Berlin',
      timeZone: 'Europe/Berlin',
      nextOpensAt: '2026-12-11T15:00:00.000Z',
      nextClosesAt: '2026-12-14T07:00:00.000Z',
    },
  };
}

describe('FreezeWindowsContent: recurring windows declared in the portal', () => {
  it('shows who declared one, skips a date of it and deletes it', async () => {
    jest.useFakeTimers({
      now: new Date('2026-12-06T12:00:00Z'),
      advanceTimers: true,
    });
    let windows = [portalWindow()];
    const skipped: Array<[string, string]> = [];
    const deleted: string[] = [];
    const api: Partial<ReleaseOrchestrationApi> = {
      listEnvironments: async () =>
        ({
          items: [{ name: 'production', title: 'Production' }],
        } as any),
      listFreezes: async () => ({ items: windows }),
      addRecurringFreezeException: async (id, date) => {
        skipped.push([id, date]);
        return {} as any;
      },
      deleteRecurringFreeze: async id => {
        deleted.push(id);
        windows = [];
      },
    };
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [releaseOrchestrationApiRef, api as ReleaseOrchestrationApi],
          [catalogApiRef, catalogApiMock({ entities: [] })],
          [permissionApiRef, new MockPermissionApi()],
        ]}
      >
        <FreezeWindowsContent />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    const row = (
      await screen.findByText(/Recurring: weekend/, undefined, LOADED)
    ).closest('tr')!;
    // Its next opening (after today, 6 December) in the window's own zone, and who declared it.
    expect(row).toHaveTextContent('scheduled (recurring)');
    expect(row).toHaveTextContent(
      'next opens Fri, 11 Dec 2026, 16:00 CET; next closes Mon, 14 Dec 2026, 08:00 CET',
    );
    expect(row).toHaveTextContent('carol');
    expect(row).not.toHaveTextContent('Change it in app-config');

    // Skip a date: the date of the opening shown, in the window's zone.
    await userEvent.click(
      within(row).getByRole('button', {
        name: 'Skip a date of the recurring freeze weekend',
      }),
    );
    const skip = await screen.findByRole('dialog', {
      name: 'Skip a date of weekend',
    });
    expect(within(skip).getByLabelText('Date (Europe/Berlin)')).toHaveValue(
      '2026-12-11',
    );
    await userEvent.click(
      within(skip).getByRole('button', { name: 'Skip this date' }),
    );
    await waitFor(() => expect(skipped).toEqual([[RULE_ID, '2026-12-11']]));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Delete the recurring freeze weekend of Production',
      }),
    );
    const confirm = await screen.findByRole('dialog', {
      name: 'Delete this freeze window?',
    });
    expect(confirm).toHaveTextContent(
      'every Friday 16:00 - Monday 08:00 Europe/Berlin',
    );
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Delete freeze' }),
    );
    await waitFor(() => expect(deleted).toEqual([RULE_ID]));
    expect(
      await screen.findByText('No freeze windows', undefined, LOADED),
    ).toBeInTheDocument();
    jest.useRealTimers();
  });
});
