import {
  EnvironmentPolicy,
  Evidence,
  ReleaseSummary,
} from '@release-orchestration/plugin-release-orchestration-common';
import { testPolicy } from '../__testUtils__/seedRelease';
import { evaluatePromotionGates, GateInput } from './evaluatePromotionGates';

const release: ReleaseSummary = {
  id: 'r1',
  systemRef: 'system:default/shop',
  version: '2026.11.1',
  riskClass: 'high',
  createdBy: 'user:default/author',
  createdAt: '2026-11-01T00:00:00.000Z',
  componentCount: 2,
  manifestDigest:
    'sha256:0000000000000000000000000000000000000000000000000000000000000000',
};
const lane = (name: string, title: string): EnvironmentPolicy => ({
  name,
  title,
  ...testPolicy(),
});
const evidence = (
  type: string,
  status: Evidence['status'],
  createdAt: string,
  environment?: string,
): Evidence => ({
  id: `${type}-${createdAt}`,
  releaseId: 'r1',
  type,
  status,
  url: 'https://ci.example/x',
  summary: `${type} ${status}`,
  ...(environment ? { environment } : {}),
  createdBy: 'service:ci',
  createdAt,
});

function input(overrides: Partial<GateInput> = {}): GateInput {
  return {
    release,
    environment: lane('production', 'Production'),
    previousEnvironments: [lane('staging', 'Staging')],
    policy: testPolicy({
      requiredEvidence: ['unit-tests'],
      requirePreviousEnvironment: true,
    }),
    succeededInPrevious: true,
    evidence: [evidence('unit-tests', 'pass', '2026-11-02T00:00:00.000Z')],
    activeFreezes: [],
    eligibleApprovers: ['user:default/rita'],
    ...overrides,
  };
}

describe('evaluatePromotionGates', () => {
  it('passes a request that meets every condition', () => {
    expect(evaluatePromotionGates(input())).toEqual([]);
  });

  it('lists every unmet condition at once, each saying what to do', () => {
    const unmet = evaluatePromotionGates(
      input({
        unknownPolicyName: 'sox',
        openPromotion: { id: 'p9', state: 'pending_approval' },
        succeededInPrevious: false,
        policy: testPolicy({
          requiredEvidence: ['unit-tests', 'security-scan'],
          requirePreviousEnvironment: true,
          minApprovals: 2,
        }),
        evidence: [
          evidence('unit-tests', 'fail', '2026-11-03T00:00:00.000Z'),
          evidence('unit-tests', 'pass', '2026-11-02T00:00:00.000Z'),
        ],
        activeFreezes: [
          {
            id: 'f1',
            environment: 'production',
            systems: [],
            start: '2026-11-01T00:00:00.000Z',
            end: '2026-11-30T00:00:00.000Z',
            reason: 'Black Friday',
            createdBy: 'user:default/rita',
            createdAt: '2026-11-01T00:00:00.000Z',
          },
        ],
      }),
    );
    expect(unmet).toEqual([
      {
        code: 'unknown-policy',
        message: expect.stringContaining("selects the policy 'sox'"),
      },
      {
        code: 'open-promotion',
        message: expect.stringContaining(
          'already has an open promotion into production (p9, pending_approval)',
        ),
      },
      {
        code: 'previous-environment',
        message:
          'release 2026.11.1 of system:default/shop has not succeeded in Staging (staging) yet; promote it there first, production only takes a release that succeeded in the previous environment',
      },
      {
        code: 'evidence-not-passed',
        message:
          "The newest unit-tests evidence of release 2026.11.1 of system:default/shop is 'fail' (unit-tests fail); attach a passing unit-tests report",
      },
      {
        code: 'evidence-missing',
        message:
          'No security-scan evidence is attached to release 2026.11.1 of system:default/shop; attach a passing security-scan report (for every environment or for production)',
      },
      {
        code: 'not-enough-approvers',
        message:
          '2 approvals are needed in production but only 1 person can approve (user:default/rita): members of group:default/release-managers, not counting the requester and the release author; add members to an approver group',
      },
      {
        code: 'frozen',
        message: expect.stringContaining(
          'production is frozen until 2026-11-30T00:00:00.000Z (Black Friday)',
        ),
      },
    ]);
  });

  it('counts environment-less evidence and evidence for the target lane, not for other lanes', () => {
    const gates = (items: Evidence[]) =>
      evaluatePromotionGates(input({ evidence: items })).map(c => c.code);
    expect(
      gates([
        evidence(
          'unit-tests',
          'pass',
          '2026-11-02T00:00:00.000Z',
          'production',
        ),
      ]),
    ).toEqual([]);
    expect(
      gates([
        evidence('unit-tests', 'pass', '2026-11-02T00:00:00.000Z', 'staging'),
      ]),
    ).toEqual(['evidence-missing']);
    expect(
      gates([
        evidence('unit-tests', 'pass', '2026-11-04T00:00:00.000Z', 'staging'),
        evidence('unit-tests', 'warn', '2026-11-03T00:00:00.000Z'),
      ]),
    ).toEqual(['evidence-not-passed']);
  });

  it('ignores the previous lane when the policy or the lane order does not ask for it', () => {
    expect(
      evaluatePromotionGates(
        input({ succeededInPrevious: false, policy: testPolicy() }),
      ),
    ).toEqual([]);
    expect(
      evaluatePromotionGates(
        input({ succeededInPrevious: false, previousEnvironments: [] }),
      ),
    ).toEqual([]);
  });

  it('names every lane before a lane with two predecessors that the release has not succeeded in', () => {
    const eu = lane('eu', 'EU');
    const us = lane('us', 'US');
    const global = input({
      environment: lane('global', 'Global'),
      previousEnvironments: [eu, us],
      succeededInPrevious: false,
      notSucceededIn: [us],
    });
    expect(evaluatePromotionGates(global)).toEqual([
      {
        code: 'previous-environment',
        message:
          'release 2026.11.1 of system:default/shop has not succeeded in US (us) yet; promote it there first, global only takes a release that succeeded in every environment before it (eu, us)',
      },
    ]);
    expect(
      evaluatePromotionGates({
        ...global,
        notSucceededIn: [eu, us],
      })[0].message,
    ).toContain('has not succeeded in EU (eu) and US (us) yet');
    expect(
      evaluatePromotionGates({
        ...global,
        succeededInPrevious: true,
        notSucceededIn: [],
      }),
    ).toEqual([]);
  });

  it('needs no approvers when no approvals are needed', () => {
    expect(
      evaluatePromotionGates(
        input({
          policy: testPolicy({ minApprovals: 0 }),
          eligibleApprovers: [],
        }),
      ),
    ).toEqual([]);
    expect(
      evaluatePromotionGates(input({ eligibleApprovers: [] })).map(
        c => c.message,
      ),
    ).toEqual([
      expect.stringContaining(
        '1 approval is needed in production but only 0 people can approve: members of',
      ),
    ]);
  });
});
