import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { ResponseError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  CreateRecurringFreezeRequest,
  EnvironmentPolicy,
} from '@release-orchestration/plugin-release-orchestration-common';
import { ReleaseOrchestrationApi, releaseOrchestrationApiRef } from '../../api';
import { CreateFreezeDialog } from './CreateFreezeDialog';

const environments = [
  { name: 'staging', title: 'Staging' },
  { name: 'production', title: 'Production' },
] as EnvironmentPolicy[];

const LOADED = { timeout: 10_000 };

async function renderDialog(api: Partial<ReleaseOrchestrationApi>) {
  const onCreated = jest.fn();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [releaseOrchestrationApiRef, api as ReleaseOrchestrationApi],
        [catalogApiRef, catalogApiMock({ entities: [] })],
      ]}
    >
      <CreateFreezeDialog
        environments={environments}
        onClose={() => {}}
        onCreated={onCreated}
      />
    </TestApiProvider>,
  );
  return { onCreated, dialog: await screen.findByRole('dialog') };
}

describe('CreateFreezeDialog: Declare recurring window', () => {
  it('shows the time zone and the next openings, and declares the window with its rule', async () => {
    const previews: CreateRecurringFreezeRequest[] = [];
    const created: CreateRecurringFreezeRequest[] = [];
    const api: Partial<ReleaseOrchestrationApi> = {
      previewRecurringFreeze: async request => {
        previews.push(request);
        return {
          schedule: 'every Friday 16:00 - Monday 08:00 Europe/Berlin',
          openings: [
            {
              start: '2026-12-11T15:00:00.000Z',
              end: '2026-12-14T07:00:00.000Z',
            },
            {
              start: '2026-12-18T15:00:00.000Z',
              end: '2026-12-21T07:00:00.000Z',
            },
            {
              start: '2026-12-25T15:00:00.000Z',
              end: '2026-12-28T07:00:00.000Z',
            },
            {
              start: '2027-01-01T15:00:00.000Z',
              end: '2027-01-04T07:00:00.000Z',
            },
          ],
        };
      },
      createRecurringFreeze: async request => {
        created.push(request);
        return {
          id: 'c0ffee00-0000-4000-8000-000000000001',
          source: 'portal',
          name: request.name,
          environments: request.environments,
          systems: [],
          every: request.every,
          from: request.from,
          until: request.until,
          timeZone: request.timeZone,
          exceptions: request.exceptions ?? [],
          reason: request.reason,
          schedule: 'every Friday 16:00 - Monday 08:00 Europe/Berlin',
          openings: [],
          createdBy: 'user:default/guest',
        };
      },
    };
    const { dialog, onCreated } = await renderDialog(api);
    await userEvent.click(
      within(dialog).getByLabelText('Declare recurring window'),
    );
    // Start and end of a one-off window are gone; the rule's fields are there.
    expect(within(dialog).queryByLabelText(/^Start/)).not.toBeVisible();
    const zone = within(dialog).getByLabelText(
      'Time zone of the times',
    ) as HTMLSelectElement;
    // The first preview is in the browser's zone; once another zone is picked it is not shown
    // under that zone's name until the backend answered for the new rule.
    const browserZone = zone.value;
    expect(browserZone).not.toBe('Europe/Berlin');
    await within(dialog).findByText(
      `Next openings (${browserZone})`,
      undefined,
      LOADED,
    );
    await userEvent.selectOptions(zone, 'Europe/Berlin');
    expect(
      within(dialog).getByText('Working out the next openings…'),
    ).toBeInTheDocument();
    expect(
      within(dialog).queryByText(/^Next openings/),
    ).not.toBeInTheDocument();
    expect(
      within(dialog).getByLabelText('Opens at (Europe/Berlin)'),
    ).toHaveValue('16:00');
    expect(
      within(dialog).getByLabelText('Closes at (Europe/Berlin)'),
    ).toHaveValue('08:00');
    expect(within(dialog).getByLabelText('Friday')).toBeChecked();

    // The preview names the zone and lists the next three openings in it.
    const heading = await within(dialog).findByText(
      'Next openings (Europe/Berlin)',
      undefined,
      LOADED,
    );
    const preview = heading.parentElement!;
    expect(preview).toHaveTextContent(
      'every Friday 16:00 - Monday 08:00 Europe/Berlin',
    );
    expect(within(preview).getAllByRole('listitem')).toHaveLength(3);
    expect(within(preview).getAllByRole('listitem')[0]).toHaveTextContent(
      /11.*Dec.*16:00.* to .*14.*Dec.*08:00/,
    );
    expect(previews[previews.length - 1]).toMatchObject({
      environments: ['production'],
      every: ['fri'],
      from: '16:00',
      until: 'mon 08:00',
      timeZone: 'Europe/Berlin',
    });

    const declare = within(dialog).getByRole('button', {
      name: 'Declare recurring window',
    });
    expect(declare).toBeDisabled();
    await userEvent.type(within(dialog).getByLabelText(/^Name/), 'weekend');
    await userEvent.type(
      within(dialog).getByLabelText(/Except on/),
      '2026-12-25',
    );
    await userEvent.type(
      within(dialog).getByLabelText(/^Reason/),
      'No weekend deploys',
    );
    // Typing after the pick keeps the zone picked.
    expect(zone).toHaveValue('Europe/Berlin');
    await waitFor(() => expect(declare).toBeEnabled());
    await userEvent.click(declare);
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(created).toEqual([
      {
        name: 'weekend',
        environments: ['production'],
        every: ['fri'],
        from: '16:00',
        until: 'mon 08:00',
        timeZone: 'Europe/Berlin',
        exceptions: ['2026-12-25'],
        reason: 'No weekend deploys',
      },
    ]);
  });

  it('says what is wrong with the rule, from the preview and from declaring', async () => {
    const refusal = (message: string) =>
      ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: { name: 'InputError', message },
            response: { statusCode: 400 },
          }),
          { status: 400, headers: { 'content-type': 'application/json' } },
        ) as any,
      );
    const api: Partial<ReleaseOrchestrationApi> = {
      previewRecurringFreeze: async () => {
        throw await refusal(
          'Invalid request body: until: is the same time as from',
        );
      },
      createRecurringFreeze: async () => {
        throw await refusal(
          "name: a recurring freeze window named 'weekend' exists with another schedule",
        );
      },
    };
    const { dialog, onCreated } = await renderDialog(api);
    await userEvent.click(
      within(dialog).getByLabelText('Declare recurring window'),
    );
    expect(
      await within(dialog).findByText(
        'Invalid request body: until: is the same time as from',
        undefined,
        LOADED,
      ),
    ).toBeInTheDocument();
    await userEvent.type(within(dialog).getByLabelText(/^Name/), 'weekend');
    await userEvent.type(within(dialog).getByLabelText(/^Reason/), 'x');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare recurring window' }),
    );
    expect(
      await within(dialog).findByText(/named 'weekend' exists/),
    ).toBeInTheDocument();
    expect(onCreated).not.toHaveBeenCalled();
  });
});
