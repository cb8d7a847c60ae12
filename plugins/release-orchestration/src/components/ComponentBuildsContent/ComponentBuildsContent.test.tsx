import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { componentEntity } from '../../__testUtils__/fixtures';
import { createFakeBackend } from '../../__testUtils__/handlers';
import { renderEntityTab } from '../../__testUtils__/renderEntityTab';
import { testId } from '../../__testUtils__/testId';

const server = setupServer();
registerMswTestHooks(server);

describe('ComponentBuildsContent', () => {
  beforeEach(() => server.use(...createFakeBackend().handlers));

  it('lists builds newest first with the releases that contain each', async () => {
    await renderEntityTab(
      componentEntity,
      '/catalog/default/component/payments-api/releases',
    );

    const rows = (await screen.findAllByRole('row')).slice(1);
    const versions = rows.map(
      row => within(row).queryByText(/^1\.\d\.0$/)?.textContent,
    );
    expect(versions.filter(Boolean)).toEqual(['1.4.0', '1.3.0', '1.2.0']);

    const newest = screen.getByText('1.4.0').closest('tr')!;
    expect(
      within(newest).getByText('2026.03.05-1').closest('a'),
    ).toHaveAttribute(
      'href',
      `/catalog/default/system/payments/releases/${testId('rel-2')}`,
    );
    const oldest = screen.getByText('1.2.0').closest('tr')!;
    expect(
      within(oldest).getByText('Not in any release yet'),
    ).toBeInTheDocument();
  });

  it('explains how builds get here when CI has reported none', async () => {
    await renderEntityTab(
      { ...componentEntity, metadata: { name: 'fresh', namespace: 'default' } },
      '/catalog/default/component/fresh/releases',
    );

    expect(
      await screen.findByText('No builds reported yet'),
    ).toBeInTheDocument();
  });
});
