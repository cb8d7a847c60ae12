import {
  EnvironmentPolicy,
  Evidence,
  FreezeWindow,
  Promotion,
  PromotionCheck,
  PromotionPolicy,
  PromotionQueueItem,
  ReleaseDetails,
  ReleaseSummary,
} from '@release-orchestration/plugin-release-orchestration-common';
import { release2, releaseSummaries } from './fixtures';
import { testId } from './testId';

const open: PromotionPolicy = {
  approvers: [],
  minApprovals: 0,
  separationOfDuties: false,
  requiredEvidence: [],
  requirePreviousEnvironment: false,
};

/** Three lanes like the demo's: dev, staging (engineers approve), production (release managers). */
export const promotionLanes: EnvironmentPolicy[] = [
  { name: 'dev', title: 'Development', ...open },
  {
    name: 'staging',
    title: 'Staging',
    approvers: ['group:default/engineering'],
    minApprovals: 1,
    separationOfDuties: true,
    requiredEvidence: ['unit-tests'],
    requirePreviousEnvironment: true,
  },
  {
    name: 'production',
    title: 'Production',
    approvers: ['group:default/release-managers'],
    minApprovals: 1,
    separationOfDuties: true,
    requiredEvidence: ['unit-tests', 'security-scan'],
    requirePreviousEnvironment: true,
  },
];

const policyOf = (name: string): PromotionPolicy => {
  const {
    name: _n,
    title: _t,
    rollback: _r,
    ...policy
  } = promotionLanes.find(l => l.name === name)!;
  return policy;
};

export const rel2Evidence: Evidence[] = [
  {
    id: testId('ev-2'),
    releaseId: testId('rel-2'),
    type: 'security-scan',
    status: 'warn',
    url: 'https://scanner.example.com/r/812',
    summary: '0 critical, 2 medium',
    createdBy: 'service:ci-pipeline',
    createdAt: '2026-03-05T11:00:00.000Z',
  },
  {
    id: testId('ev-1'),
    releaseId: testId('rel-2'),
    type: 'unit-tests',
    status: 'pass',
    url: 'https://ci.example.com/payments/812/tests',
    summary: '1,204 passed',
    environment: 'staging',
    contentDigest: `sha256:${'ab'.repeat(32)}`,
    createdBy: 'user:default/alice',
    createdAt: '2026-03-05T10:30:00.000Z',
  },
];

/** A promotion of rel-2 (version 2026.03.05-1 of payments). */
export function promotionOf(
  id: string,
  environment: string,
  overrides: Partial<Promotion> = {},
): Promotion {
  return {
    id,
    releaseId: testId('rel-2'),
    releaseVersion: '2026.03.05-1',
    systemRef: 'system:default/payments',
    environment,
    state: 'succeeded',
    requestedBy: 'service:ci-pipeline',
    rollback: false,
    policy: policyOf(environment),
    approvalCount: 0,
    createdAt: '2026-03-05T12:00:00.000Z',
    updatedAt: '2026-03-05T12:00:00.000Z',
    approvals: [],
    transitions: [],
    ...overrides,
  };
}

export const devPromotion = promotionOf(testId('promo-dev'), 'dev', {
  transitions: [
    {
      to: 'approved',
      actor: 'service:ci-pipeline',
      createdAt: '2026-03-05T12:00:00.000Z',
    },
    {
      from: 'approved',
      to: 'deploying',
      actor: 'service:ci-pipeline',
      createdAt: '2026-03-05T12:01:00.000Z',
    },
    {
      from: 'deploying',
      to: 'succeeded',
      actor: 'service:ci-pipeline',
      reason: 'deployment succeeded',
      createdAt: '2026-03-05T12:05:00.000Z',
    },
  ],
});

export const stagingPromotion = promotionOf(
  testId('promo-staging'),
  'staging',
  {
    createdAt: '2026-03-05T13:00:00.000Z',
    requestedBy: 'user:default/guest',
    justification: 'Refunds for the spring campaign',
    approvalCount: 1,
    approvals: [
      {
        id: testId('appr-1'),
        promotionId: testId('promo-staging'),
        approver: 'user:default/alice',
        decision: 'approve',
        comment: 'Looks good, tests are green',
        createdAt: '2026-03-05T13:10:00.000Z',
      },
    ],
    transitions: [
      {
        to: 'pending_approval',
        actor: 'user:default/guest',
        createdAt: '2026-03-05T13:00:00.000Z',
      },
      {
        from: 'pending_approval',
        to: 'approved',
        actor: 'user:default/alice',
        reason: '1 of 1 approvals',
        createdAt: '2026-03-05T13:10:00.000Z',
      },
      {
        from: 'approved',
        to: 'deploying',
        actor: 'service:ci-pipeline',
        createdAt: '2026-03-05T13:20:00.000Z',
      },
      {
        from: 'deploying',
        to: 'succeeded',
        actor: 'service:ci-pipeline',
        createdAt: '2026-03-05T13:30:00.000Z',
      },
    ],
  },
);

/** rel-2 after dev and staging succeeded; production not asked for yet. */
export const release2Details: ReleaseDetails = {
  ...release2,
  evidence: rel2Evidence,
  promotions: [stagingPromotion, devPromotion],
};

/** The gate check for production: everything passes, one approval needed. */
export const productionCheck: PromotionCheck = {
  releaseId: testId('rel-2'),
  environment: 'production',
  rollback: false,
  policy: policyOf('production'),
  outcome: 'pending_approval',
  unmetConditions: [],
  freezes: [],
  eligibleApprovers: ['user:default/carol', 'user:default/dave'],
};

export const productionFreeze: FreezeWindow = {
  id: testId('freeze-1'),
  environment: 'production',
  systems: ['system:default/payments'],
  start: '2026-01-01T00:00:00.000Z',
  end: '2099-01-01T00:00:00.000Z',
  reason: 'Year-end trading freeze',
  createdBy: 'user:default/carol',
  createdAt: '2025-12-20T00:00:00.000Z',
};

const checkoutRelease: ReleaseSummary = {
  id: testId('rel-c1'),
  systemRef: 'system:default/checkout',
  version: '2026.03.04-2',
  riskClass: 'low',
  createdBy: 'service:ci-pipeline',
  createdAt: '2026-03-04T09:00:00.000Z',
  componentCount: 4,
  manifestDigest:
    'sha256:c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4',
};

/** Three promotions waiting for the caller: two into production, one into staging. */
export const queueItems: PromotionQueueItem[] = [
  {
    promotion: promotionOf(testId('promo-p1'), 'production', {
      state: 'pending_approval',
      requestedBy: 'user:default/guest',
      justification: 'Spring campaign',
      createdAt: '2026-03-05T14:00:00.000Z',
    }),
    release: releaseSummaries[0],
    evidence: {
      counts: { pass: 1, fail: 0, warn: 1 },
      missingRequired: ['security-scan'],
    },
    ageSeconds: 2 * 3600,
  },
  {
    promotion: {
      ...promotionOf(testId('promo-c1'), 'production', {
        state: 'pending_approval',
        requestedBy: 'user:default/bob',
        createdAt: '2026-03-01T09:00:00.000Z',
      }),
      releaseId: testId('rel-c1'),
      releaseVersion: '2026.03.04-2',
      systemRef: 'system:default/checkout',
    },
    release: checkoutRelease,
    evidence: { counts: { pass: 2, fail: 0, warn: 0 }, missingRequired: [] },
    ageSeconds: 3 * 86400,
  },
  {
    promotion: {
      ...promotionOf(testId('promo-c2'), 'staging', {
        state: 'pending_approval',
        requestedBy: 'user:default/frank',
        createdAt: '2026-03-05T15:30:00.000Z',
      }),
      releaseId: testId('rel-c1'),
      releaseVersion: '2026.03.04-2',
      systemRef: 'system:default/checkout',
    },
    release: checkoutRelease,
    evidence: { counts: { pass: 2, fail: 0, warn: 0 }, missingRequired: [] },
    ageSeconds: 30 * 60,
  },
];
