import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  paymentsCurrent,
  paymentsPrevious,
  trendsOf,
} from '../../__testUtils__/doraFixtures';
import { DoraMetricsTable, FIRST_ROWS } from './DoraMetricsTable';

const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => {
    const name = `team-${String(i).padStart(3, '0')}`;
    return {
      key: `group:default/${name}`,
      name,
      sortName: name,
      systems: n - i,
      current: paymentsCurrent,
      previous: paymentsPrevious,
      trends: trendsOf(paymentsCurrent, paymentsPrevious),
    };
  });

const names = () =>
  within(screen.getByRole('table', { name: 'Teams' }))
    .getAllByRole('rowheader')
    .map(cell => cell.textContent);

describe('DoraMetricsTable', () => {
  // Long: jsdom renders a hundred rows of metric cells slowly.
  jest.setTimeout(60_000);

  it('shows every row of a table longer than its first commit, in order', async () => {
    const n = FIRST_ROWS * 2 + 7;
    await renderInTestApp(
      <DoraMetricsTable
        rows={rows(n)}
        nameTitle="Team"
        showSystems
        aria-label="Teams"
      />,
    );
    await waitFor(() => expect(names()).toHaveLength(n), { timeout: 20_000 });
    expect(names()).toEqual(rows(n).map(r => r.name));

    // Sorting still orders every row: by Systems, most first, then fewest first (the reverse
    // of the names).
    await userEvent.click(screen.getByRole('button', { name: 'Systems' }));
    expect(names()).toEqual(rows(n).map(r => r.name));
    await userEvent.click(screen.getByRole('button', { name: 'Systems' }));
    expect(names()).toEqual(
      rows(n)
        .map(r => r.name)
        .reverse(),
    );
  });

  it('shows a short table whole at once', async () => {
    await renderInTestApp(
      <DoraMetricsTable rows={rows(3)} nameTitle="Team" aria-label="Teams" />,
    );
    expect(names()).toEqual(['team-000', 'team-001', 'team-002']);
  });
});
