import {
  DeployedComponent,
  Deployment,
} from '@release-orchestration/plugin-release-orchestration-common';

/** One line a person can read, for the audit trail. */
export function describeDeployment(deployment: Deployment): string {
  const what = deployment.releaseVersion
    ? `release ${deployment.releaseVersion}${
        deployment.components.length === 1
          ? ` (${deployment.components[0].componentRef} only)`
          : ''
      }`
    : deployment.components
        .map(c => `${c.componentRef} ${c.version}`)
        .join(', ');
  const flags = [
    deployment.rollback ? 'rollback' : '',
    deployment.hotfix ? 'hotfix' : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `Deployment of ${what} to ${deployment.environment} ${
    deployment.status
  }${flags ? ` (${flags})` : ''}`;
}

function componentsKey(components: DeployedComponent[]) {
  return components
    .map(c => `${c.componentRef}@${c.version}`)
    .sort()
    .join(', ');
}

/**
 * How a repeated report differs from the stored deployment in what it deploys, or undefined
 * when it names the same deployment. Times, status and deployer may differ on a repeat.
 */
export function describeMismatch(
  stored: Deployment,
  report: {
    environment: string;
    systemRef: string;
    releaseId?: string;
    promotionId?: string;
    rollback: boolean;
    hotfix: boolean;
    components: DeployedComponent[];
  },
): string | undefined {
  const pairs: Array<[string, unknown, unknown]> = [
    ['environment', stored.environment, report.environment],
    ['system', stored.systemRef, report.systemRef],
    ['releaseId', stored.releaseId, report.releaseId],
    [
      'components',
      componentsKey(stored.components),
      componentsKey(report.components),
    ],
    ['promotionId', stored.promotionId, report.promotionId],
    ['rollback', stored.rollback, report.rollback],
    ['hotfix', stored.hotfix, report.hotfix],
  ];
  const differing = pairs
    .filter(([, a, b]) => (a ?? '') !== (b ?? ''))
    .map(
      ([field, a, b]) => `${field}: stored ${a ?? 'none'}, sent ${b ?? 'none'}`,
    );
  return differing.length > 0 ? differing.join('; ') : undefined;
}
