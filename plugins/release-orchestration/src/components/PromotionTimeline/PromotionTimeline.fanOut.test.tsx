import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import userEvent from '@testing-library/user-event';
import {
  EnvironmentPolicy,
  Promotion,
  PromotionCheck,
  ReleaseDetails,
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

  it('keeps the dialog on the lanes it opened with when the release reloads under it', async () => {
    // The request is answered after a reload (a signal from the backend) already shows both
    // promotions pending, so that no lane is left to fan out to.
    let answer: (value: { items: Promotion[] }) => void = () => {};
    const api = {
      checkPromotion: jest.fn(async (_id: string, env: string) => check(env)),
      requestFanOutPromotion: jest.fn(
        () =>
          new Promise<{ items: Promotion[] }>(resolve => {
            answer = resolve;
          }),
      ),
    };
    const before: ReleaseDetails = {
      ...release2Details,
      promotions: [
        succeeded('p-dev', 'dev'),
        succeeded('p-staging', 'staging'),
      ],
    };
    const pending = ['production-eu', 'production-us'].map(environment => ({
      ...succeeded(`new-${environment}`, environment),
      state: 'pending_approval' as const,
    }));
    let reload: (release: ReleaseDetails) => void = () => {};
    const onChanged = jest.fn();
    function Page() {
      const [release, setRelease] = useState(before);
      reload = setRelease;
      return (
        <PromotionTimeline
          release={release}
          environments={lanes}
          votable={new Set()}
          canPromote
          onChanged={onChanged}
        />
      );
    }
    await renderInTestApp(
      <TestApiProvider apis={[[releaseOrchestrationApiRef, api]]}>
        <Page />
      </TestApiProvider>,
    );
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Promote to Production EU and Production US',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText('Gate check: Production US');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request 2 promotions' }),
    );
    act(() =>
      reload({ ...before, promotions: [...before.promotions, ...pending] }),
    );
    expect(screen.queryByText('Something Went Wrong')).not.toBeInTheDocument();
    expect(
      within(screen.getByRole('dialog')).getByText('Gate check: Production EU'),
    ).toBeInTheDocument();
    await act(async () => answer({ items: pending }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(screen.queryByText('Something Went Wrong')).not.toBeInTheDocument();
  });
});
