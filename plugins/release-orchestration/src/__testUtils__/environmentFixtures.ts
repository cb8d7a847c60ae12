import {
  DeploymentSummary,
  EnvironmentPolicy,
  EnvironmentState,
  SystemEnvironments,
} from '@release-orchestration/plugin-release-orchestration-common';
import { diff2 } from './fixtures';
import { testId } from './testId';

const api = 'component:default/payments-api';
const ledger = 'component:default/payments-ledger';
const legacy = 'component:default/payments-legacy';
const worker = 'component:default/payments-worker';

const openPolicy = {
  approvers: [],
  minApprovals: 0,
  separationOfDuties: false,
  requiredEvidence: [],
  requirePreviousEnvironment: false,
};

/** The demo lanes, as `GET /environments` returns them. */
export const environmentPolicies: EnvironmentPolicy[] = [
  { name: 'dev', title: 'Development', ...openPolicy },
  {
    name: 'staging',
    title: 'Staging',
    ...openPolicy,
    requiredEvidence: ['unit-tests'],
  },
  {
    name: 'production',
    title: 'Production',
    ...openPolicy,
    approvers: ['group:default/release-managers'],
    minApprovals: 1,
    requirePreviousEnvironment: true,
  },
];

function deployment(
  id: string,
  environment: string,
  fields: Partial<DeploymentSummary>,
): DeploymentSummary {
  const startedAt = fields.startedAt ?? '2026-03-06T09:00:00.000Z';
  return {
    id,
    idempotencyKey: `key-${id}`,
    systemRef: 'system:default/payments',
    environment,
    status: 'succeeded',
    rollback: false,
    hotfix: false,
    startedAt,
    deployer: 'service:external:ci-pipeline',
    createdAt: startedAt,
    updatedAt: startedAt,
    ...fields,
  };
}

const rel1 = { id: testId('rel-1'), version: '2026.03.01-1' };
const rel2 = { id: testId('rel-2'), version: '2026.03.05-1' };

/**
 * Development runs release 2026.03.05-1 in sync; Staging runs 2026.03.01-1 with
 * payments-api deployed ahead at 1.4.0 and payments-worker deployed outside
 * the release; Production runs 2026.03.01-1 (a rollback) and 2026.03.05-1 is
 * being deployed there.
 */
export const paymentsLanes: EnvironmentState[] = [
  {
    environment: 'dev',
    title: 'Development',
    currentRelease: {
      ...rel2,
      deploymentId: testId('dep-dev-2'),
      deployedAt: '2026-03-05T12:00:00.000Z',
      deployer: 'user:default/alice',
      rollback: false,
    },
    knownGoodRelease: {
      ...rel2,
      deploymentId: testId('dep-dev-2'),
      deployedAt: '2026-03-05T12:00:00.000Z',
      deployer: 'user:default/alice',
      rollback: false,
    },
    lastDeployment: deployment(testId('dep-dev-2'), 'dev', {
      releaseId: rel2.id,
      releaseVersion: rel2.version,
      deployer: 'user:default/alice',
    }),
    running: [
      {
        componentRef: api,
        version: '1.4.0',
        deploymentId: testId('dep-dev-2'),
        deployedAt: '2026-03-05T12:00:00.000Z',
        releaseId: rel2.id,
      },
      {
        componentRef: ledger,
        version: '0.9.0',
        deploymentId: testId('dep-dev-2'),
        deployedAt: '2026-03-05T12:00:00.000Z',
        releaseId: rel2.id,
      },
    ],
    drift: { state: 'in_sync', components: [] },
  },
  {
    environment: 'staging',
    title: 'Staging',
    currentRelease: {
      ...rel1,
      deploymentId: testId('dep-stg-1'),
      deployedAt: '2026-03-02T10:00:00.000Z',
      deployer: 'service:external:ci-pipeline',
      rollback: false,
    },
    knownGoodRelease: {
      ...rel1,
      deploymentId: testId('dep-stg-1'),
      deployedAt: '2026-03-02T10:00:00.000Z',
      deployer: 'service:external:ci-pipeline',
      rollback: false,
    },
    lastDeployment: deployment(testId('dep-stg-3'), 'staging', {
      deployer: 'user:default/bob',
    }),
    running: [
      {
        componentRef: api,
        version: '1.4.0',
        deploymentId: testId('dep-stg-2'),
        deployedAt: '2026-03-06T08:00:00.000Z',
      },
      {
        componentRef: legacy,
        version: '3.0.0',
        deploymentId: testId('dep-stg-1'),
        deployedAt: '2026-03-02T10:00:00.000Z',
        releaseId: rel1.id,
      },
      {
        componentRef: worker,
        version: '2.1.0',
        deploymentId: testId('dep-stg-3'),
        deployedAt: '2026-03-06T09:10:00.000Z',
      },
    ],
    drift: {
      state: 'drifted',
      components: [
        {
          componentRef: api,
          reason: 'version-differs',
          expectedVersion: '1.3.0',
          runningVersion: '1.4.0',
          since: '2026-03-06T08:00:00.000Z',
          sinceDeploymentId: testId('dep-stg-2'),
        },
        {
          componentRef: worker,
          reason: 'not-in-release',
          runningVersion: '2.1.0',
          since: '2026-03-06T09:10:00.000Z',
          sinceDeploymentId: testId('dep-stg-3'),
        },
      ],
    },
    incoming: {
      fromEnvironment: 'dev',
      release: rel2,
      changes: diff2.changes,
    },
  },
  {
    environment: 'production',
    title: 'Production',
    currentRelease: {
      ...rel1,
      deploymentId: testId('dep-prd-2'),
      deployedAt: '2026-03-04T16:00:00.000Z',
      deployer: 'user:default/carol',
      rollback: true,
    },
    knownGoodRelease: {
      ...rel1,
      deploymentId: testId('dep-prd-2'),
      deployedAt: '2026-03-04T16:00:00.000Z',
      deployer: 'user:default/carol',
      rollback: true,
    },
    lastDeployment: deployment(testId('dep-prd-3'), 'production', {
      releaseId: rel2.id,
      releaseVersion: rel2.version,
      status: 'started',
    }),
    running: [
      {
        componentRef: api,
        version: '1.3.0',
        deploymentId: testId('dep-prd-2'),
        deployedAt: '2026-03-04T16:00:00.000Z',
        releaseId: rel1.id,
      },
      {
        componentRef: legacy,
        version: '3.0.0',
        deploymentId: testId('dep-prd-2'),
        deployedAt: '2026-03-04T16:00:00.000Z',
        releaseId: rel1.id,
      },
    ],
    drift: { state: 'in_sync', components: [] },
    incoming: {
      fromEnvironment: 'staging',
      release: rel1,
      changes: [
        {
          componentRef: api,
          change: 'unchanged',
          fromVersion: '1.3.0',
          toVersion: '1.3.0',
        },
        {
          componentRef: legacy,
          change: 'unchanged',
          fromVersion: '3.0.0',
          toVersion: '3.0.0',
        },
      ],
    },
  },
];

export const paymentsEnvironments: SystemEnvironments = {
  systemRef: 'system:default/payments',
  environments: paymentsLanes,
};

/** A System nothing was deployed for: every lane unknown. */
export const freshEnvironments: SystemEnvironments = {
  systemRef: 'system:default/payments',
  environments: environmentPolicies.map((policy, index) => ({
    environment: policy.name,
    title: policy.title,
    running: [],
    drift: { state: 'unknown', components: [] },
    ...(index > 0
      ? {
          incoming: {
            fromEnvironment: environmentPolicies[index - 1].name,
            changes: [],
          },
        }
      : {}),
  })),
};
