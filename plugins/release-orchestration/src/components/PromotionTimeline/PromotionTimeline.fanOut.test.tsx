import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  EnvironmentPolicy,
  Promotion,
  PromotionCheck,
} from '@release-orchestration/plugin-release-orchestration-common';
import { releaseOrchestrationApiRef } from '../../api';
import {
  promotionOf,
  release2Details,
} from '../../__testUtils__/promotionFixtures';
import { PromotionTimeline } from './PromotionTimeline';

const lane = (
  name: string,
  title: string,
  after: string[],
): EnvironmentPolicy => ({
  name,
  title,
  after,
  approvers: [],
  minApprovals: 0,
  separationOfDuties: false,
  requiredEvidence: [],
  requirePreviousEnvironment: after.length > 0,
});

const lanes = [
  lane('dev', 'Development', []),
  lane('staging', 'Staging', ['dev']),
  lane('production-eu', 'Production EU', ['staging']),
  lane('production-us', 'Production US', ['staging']),
];

const succeeded = (id: string, environment: string): Promotion => ({
  ...promotionOf(id, 'dev', { state: 'succeeded' }),
  environment,
});

const check = (environment: string): PromotionCheck => ({
  releaseId: release2Details.id,
  environment,
  rollback: false,
  policy: lanes[2],
  outcome: 'approved',
  unmetConditions: [],
  freezes: [],
  eligibleApprovers: [],
});

describe('PromotionTimeline after a fan-out', () => {
  it('shows both production lanes after staging and requests them together', async () => {
    const api = {
      checkPromotion: jest.fn(async (_id: string, env: string) => check(env)),
      requestFanOutPromotion: jest.fn(async (request: any) => ({
        items: request.environments.map((environment: string) => ({
          ...succeeded(`new-${environment}`, environment),
          state: 'approved',
        })),
      })),
    };
    const onChanged = jest.fn();
    await renderInTestApp(
      <TestApiProvider apis={[[releaseOrchestrationApiRef, api]]}>
        <PromotionTimeline
          release={{
            ...release2Details,
            promotions: [
              succeeded('p-dev', 'dev'),
              succeeded('p-staging', 'staging'),
            ],
          }}
          environments={lanes}
          votable={new Set()}
          canPromote
          onChanged={onChanged}
        />
      </TestApiProvider>,
    );
    // The second production lane says what it comes after (the first follows staging on screen).
    const us = screen.getByRole('region', { name: 'Production US lane' });
    expect(within(us).getByText('after Staging')).toBeInTheDocument();
    const eu = screen.getByRole('region', { name: 'Production EU lane' });
    expect(within(eu).queryByText('after Staging')).not.toBeInTheDocument();
    expect(
      screen.getByText(/These lanes all come after Staging/),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Promote to Production EU and Production US',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByRole('heading', {
        name: `Promote ${release2Details.version} to Production EU and Production US`,
      }),
    ).toBeInTheDocument();
    expect(
      await within(dialog).findByText('Gate check: Production US'),
    ).toBeInTheDocument();
    await userEvent.type(
      within(dialog).getByLabelText('Justification (optional)'),
      'both regions',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request 2 promotions' }),
    );
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.requestFanOutPromotion).toHaveBeenCalledWith({
      releaseId: release2Details.id,
      environments: ['production-eu', 'production-us'],
      justification: 'both regions',
    });
  });

  it('does not send the request while a lane refuses, and says which', async () => {
    const api = {
      checkPromotion: jest.fn(async (_id: string, env: string) =>
        env === 'production-us'
          ? {
              ...check(env),
              outcome: 'refused' as const,
              unmetConditions: [
                {
                  code: 'evidence-missing' as const,
                  message: 'No security-scan evidence is attached',
                },
              ],
            }
          : check(env),
      ),
      requestFanOutPromotion: jest.fn(),
    };
    await renderInTestApp(
      <TestApiProvider apis={[[releaseOrchestrationApiRef, api]]}>
        <PromotionTimeline
          release={{
            ...release2Details,
            promotions: [
              succeeded('p-dev', 'dev'),
              succeeded('p-staging', 'staging'),
            ],
          }}
          environments={lanes}
          votable={new Set()}
          canPromote
          onChanged={jest.fn()}
        />
      </TestApiProvider>,
    );
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Promote to Production EU and Production US',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText(
        /Production US cannot take the release yet, so the lanes cannot be requested together/,
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Request 2 promotions' }),
    ).toBeDisabled();
    expect(api.requestFanOutPromotion).not.toHaveBeenCalled();
  });
});
