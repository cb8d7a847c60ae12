import { Entity } from '@backstage/catalog-model';
import {
  Build,
  BuildWithReleases,
  Release,
  ReleaseDiff,
  ReleaseSummary,
} from '@release-orchestration/plugin-release-orchestration-common';
import { SystemReleasableComponent } from '../api';
import { testId } from './testId';

/** A System that opted in (`release-orchestration.io/enabled`). */
export const systemEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'payments',
    namespace: 'default',
    annotations: { 'release-orchestration.io/enabled': 'true' },
  },
  spec: { owner: 'group:default/team-a' },
};

export const componentEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: { 'release-orchestration.io/enabled': 'true' },
  },
  spec: { type: 'service', owner: 'group:default/team-a', system: 'payments' },
};

/** A System that did not opt in: no tab, no cards. */
export const plainSystemEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'billing', namespace: 'default' },
  spec: { owner: 'group:default/team-a' },
};

export const apiEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'payments-openapi', namespace: 'default' },
  spec: { type: 'openapi', owner: 'group:default/team-a', definition: '{}' },
};

const digest = (c: string) => `sha256:${c.repeat(64)}`;

export function build(
  component: string,
  version: string,
  createdAt: string,
  c = 'a',
): Build {
  return {
    id: testId(`build-${component}-${version}`),
    componentRef: `component:default/${component}`,
    version,
    artifactUri: `registry.example.com/${component}:${version}`,
    artifactDigest: digest(c),
    buildUrl: `https://ci.example.com/${component}/${version}`,
    commitSha: `${c}1b2c3d4e5f60718293a4b5c6d7e8f9012345678`.slice(0, 40),
    commitTime: createdAt,
    commits: [],
    reportedBy: 'service:ci-pipeline',
    createdAt,
  };
}

export const releaseSummaries: ReleaseSummary[] = [
  {
    id: testId('rel-2'),
    systemRef: 'system:default/payments',
    version: '2026.03.05-1',
    notes: 'Faster refunds',
    riskClass: 'high',
    createdBy: 'user:default/alice',
    createdAt: '2026-03-05T10:00:00.000Z',
    componentCount: 2,
    manifestDigest:
      'sha256:5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e',
  },
  {
    id: testId('rel-1'),
    systemRef: 'system:default/payments',
    version: '2026.03.01-1',
    riskClass: 'low',
    createdBy: 'service:ci-pipeline',
    createdAt: '2026-03-01T09:00:00.000Z',
    componentCount: 2,
    manifestDigest:
      'sha256:1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a',
  },
];

export const release2: Release = {
  ...releaseSummaries[0],
  previousReleaseId: testId('rel-1'),
  components: [
    {
      componentRef: 'component:default/payments-api',
      version: '1.4.0',
      buildId: testId('build-payments-api-1.4.0'),
      artifactUri: 'registry.example.com/payments-api:1.4.0',
      artifactDigest: digest('d'),
      commitSha: 'd1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0',
      buildUrl: 'https://ci.example.com/payments-api/1.4.0',
    },
    {
      componentRef: 'component:default/payments-ledger',
      version: '0.9.0',
      buildId: testId('build-payments-ledger-0.9.0'),
      artifactUri: 'registry.example.com/payments-ledger:0.9.0',
      artifactDigest: digest('e'),
      commitSha: 'e1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0',
    },
  ],
};

export const diff2: ReleaseDiff = {
  release: { id: testId('rel-2'), version: '2026.03.05-1' },
  against: { id: testId('rel-1'), version: '2026.03.01-1' },
  changes: [
    {
      componentRef: 'component:default/payments-api',
      change: 'changed',
      fromVersion: '1.3.0',
      toVersion: '1.4.0',
    },
    {
      componentRef: 'component:default/payments-ledger',
      change: 'added',
      toVersion: '0.9.0',
    },
    {
      componentRef: 'component:default/payments-legacy',
      change: 'removed',
      fromVersion: '3.0.0',
    },
  ],
};

export const apiBuilds: BuildWithReleases[] = [
  {
    ...build('payments-api', '1.4.0', '2026-03-04T10:00:00.000Z', 'd'),
    releases: [
      {
        id: testId('rel-2'),
        version: '2026.03.05-1',
        systemRef: 'system:default/payments',
      },
    ],
  },
  {
    ...build('payments-api', '1.3.0', '2026-02-20T10:00:00.000Z', 'c'),
    releases: [
      {
        id: testId('rel-1'),
        version: '2026.03.01-1',
        systemRef: 'system:default/payments',
      },
    ],
  },
  {
    ...build('payments-api', '1.2.0', '2026-02-01T10:00:00.000Z', 'b'),
    releases: [],
  },
];

export const workerBuilds: BuildWithReleases[] = [
  {
    ...build('payments-worker', '2.1.0', '2026-03-03T10:00:00.000Z'),
    releases: [],
  },
  {
    ...build('payments-worker', '2.0.0', '2026-02-03T10:00:00.000Z'),
    releases: [],
  },
];

export const systemComponents: SystemReleasableComponent[] = [
  {
    componentRef: 'component:default/payments-api',
    title: 'Payments API',
    latestBuild: apiBuilds[0],
  },
  {
    componentRef: 'component:default/payments-worker',
    latestBuild: workerBuilds[0],
  },
  { componentRef: 'component:default/payments-ui' },
];
