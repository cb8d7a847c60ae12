import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { PromotionCheck } from '@release-orchestration/plugin-release-orchestration-common';
import { GateCheckSummary } from './GateCheckSummary';

const check: PromotionCheck = {
  releaseId: 'r1',
  environment: 'production',
  rollback: false,
  policy: {
    approvers: [],
    minApprovals: 0,
    separationOfDuties: false,
    requiredEvidence: [],
    requirePreviousEnvironment: true,
    minSoakSeconds: 7200,
  },
  outcome: 'blocked',
  unmetConditions: [
    {
      code: 'soaking',
      message:
        'release 1.0.0 of system:default/shop has soaked in staging for 30m of 2h; ready at 2026-12-06T10:00:00.000Z (1h 30m to go)',
    },
  ],
  freezes: [],
  eligibleApprovers: [],
  readyAt: '2026-12-06T10:00:00.000Z',
};

describe('GateCheckSummary with a soak time', () => {
  it('shows the soak in the policy, when the release is ready, and how long remains, without refusing', async () => {
    await renderInTestApp(<GateCheckSummary check={check} />);
    expect(
      screen.getByText('soak 2h in the previous lane'),
    ).toBeInTheDocument();
    expect(screen.getByText(/^Soaking: ready at .*6 Dec/)).toBeInTheDocument();
    const soak = screen.getByRole('list', { name: 'Soak' });
    expect(within(soak).getByText(/1h 30m to go/)).toBeInTheDocument();
    expect(
      screen.queryByText(/Cannot be requested yet/),
    ).not.toBeInTheDocument();
  });

  it('says an open incident holds the soak', async () => {
    await renderInTestApp(
      <GateCheckSummary
        check={{
          ...check,
          readyAt: undefined,
          unmetConditions: [
            {
              code: 'soaking',
              message:
                'release 1.0.0 of system:default/shop has an open incident in staging; production needs it to run there for 2h without an open incident, counted again from when the incident is resolved',
            },
          ],
        }}
      />,
    );
    expect(
      screen.getByText('Soaking: held by an open incident'),
    ).toBeInTheDocument();
  });
});
