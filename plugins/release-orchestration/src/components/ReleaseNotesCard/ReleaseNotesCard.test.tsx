import { registerMswTestHooks } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { contractJson } from '../../__testUtils__/openapiContract';
import { systemEntity } from '../../__testUtils__/fixtures';
import { baseUrl, createFakeBackend } from '../../__testUtils__/handlers';
import { promotionLanes } from '../../__testUtils__/promotionFixtures';
import { renderEntityTab } from '../../__testUtils__/renderEntityTab';
import { testId } from '../../__testUtils__/testId';

const server = setupServer();
registerMswTestHooks(server);

describe('ReleaseNotesCard', () => {
  beforeEach(() =>
    server.use(
      ...createFakeBackend().handlers,
      http.get(`${baseUrl}/environments`, () =>
        contractJson('GET /environments', { items: promotionLanes }),
      ),
    ),
  );

  it('shows the notes against the previous release or a lane, and copies and downloads them', async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.assign(navigator, { clipboard: { writeText } });
    const createObjectURL = jest.fn(() => 'blob:notes');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });

    await renderEntityTab(
      systemEntity,
      `/catalog/default/system/payments/releases/${testId('rel-2')}`,
    );
    const notes = await screen.findByLabelText('Release notes markdown');
    expect(notes.textContent).toContain('Compared with release 2026.03.01-1.');
    expect(notes.textContent).toContain('PAY-42: faster refunds');

    fireEvent.mouseDown(
      screen.getByRole('button', { name: /Notes compared with/ }),
    );
    const lane = promotionLanes[promotionLanes.length - 1];
    fireEvent.click(
      within(await screen.findByRole('listbox')).getByText(
        `What runs in ${lane.title}`,
      ),
    );
    expect(
      await screen.findByText(new RegExp(`Compared with ${lane.name}\\.`)),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith(
      expect.stringContaining(`Compared with ${lane.name}.`),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Download' }));
    expect(createObjectURL).toHaveBeenCalledTimes(1);
  });
});
