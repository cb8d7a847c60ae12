import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  DoraLevelTable,
  doraPerformanceLevels,
} from '@release-orchestration/plugin-release-orchestration-common';
import { DoraLevelChip } from './DoraLevelChip';

const HOUR = 3600;

describe('DoraLevelChip', () => {
  it("shows every band's edge of the 2024 table in the tooltip, with the report's wording", async () => {
    await renderInTestApp(
      <DoraLevelChip metric="changeFailureRate" level="high" />,
    );
    await userEvent.hover(screen.getByText('High'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'High performer (DORA 2024: "20%"). Elite: at most 5% · High: at most 10% · Medium: at most 20% · Low: otherwise.',
    );
  });

  it('shows the configured band edges of the report', async () => {
    const levels: DoraLevelTable = {
      ...doraPerformanceLevels,
      changeLeadTime: {
        ...doraPerformanceLevels.changeLeadTime,
        bands: [
          {
            level: 'elite',
            reported: 'at most 4 hours',
            op: '<=',
            bound: 4 * HOUR,
          },
          {
            level: 'high',
            reported: 'at most 2 days',
            op: '<=',
            bound: 48 * HOUR,
          },
          {
            level: 'medium',
            reported: 'at most 10 days',
            op: '<=',
            bound: 240 * HOUR,
          },
          { level: 'low', reported: 'otherwise', op: '>=', bound: 0 },
        ],
      },
    };
    await renderInTestApp(
      <DoraLevelChip metric="changeLeadTime" level="elite" levels={levels} />,
    );
    await userEvent.hover(screen.getByText('Elite'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      /^Elite performer \(levels configured for this portal\)\. Elite: at most 4 hours · High: at most 2 days · Medium: at most 10 days · Low: otherwise\.$/,
    );
  });
});
