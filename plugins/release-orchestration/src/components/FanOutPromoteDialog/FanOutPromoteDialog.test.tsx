import { ResponseError } from '@backstage/errors';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { releaseOrchestrationApiRef } from '../../api';
import {
  productionCheck,
  release2Details,
} from '../../__testUtils__/promotionFixtures';
import { FanOutPromoteDialog } from './FanOutPromoteDialog';

const environments = [
  { name: 'production-eu', title: 'Production EU' },
  { name: 'production-us', title: 'Production US' },
];

describe('FanOutPromoteDialog', () => {
  it('says why the backend refused the request, each unmet condition in lane titles, and stays open', async () => {
    const refused = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'PromotionRefusedError',
            message: 'production-us cannot take the release now',
          },
          response: { statusCode: 422 },
          unmetConditions: [
            {
              code: 'evidence-missing',
              message: 'production-us needs security-scan evidence',
            },
          ],
        }),
        { status: 422, headers: { 'content-type': 'application/json' } },
      ) as any,
    );
    const api = {
      // Both lanes pass their gate check (one approval needed).
      checkPromotion: jest.fn(async (_id: string, environment: string) => ({
        ...productionCheck,
        environment,
      })),
      requestFanOutPromotion: jest.fn(async () => {
        throw refused;
      }),
    };
    const onRequested = jest.fn();
    await renderInTestApp(
      <TestApiProvider apis={[[releaseOrchestrationApiRef, api]]}>
        <FanOutPromoteDialog
          release={release2Details}
          environments={environments}
          onClose={jest.fn()}
          onRequested={onRequested}
        />
      </TestApiProvider>,
    );
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText('Gate check: Production US');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request 2 promotions' }),
    );

    // The refusal, in lane titles, with its unmet conditions in the same alert.
    const message = await within(dialog).findByText(
      'Production US cannot take the release now',
    );
    const alert = message.closest('[role="alert"]') as HTMLElement;
    expect(alert).toHaveClass('MuiAlert-standardError');
    const conditions = within(alert).getByRole('list', {
      name: 'Unmet conditions',
    });
    expect(
      within(conditions)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(['Production US needs security-scan evidence']);
    expect(onRequested).not.toHaveBeenCalled();
    // Sending again is allowed once the conditions are met.
    expect(
      within(dialog).getByRole('button', { name: 'Request 2 promotions' }),
    ).toBeEnabled();
  });
});
