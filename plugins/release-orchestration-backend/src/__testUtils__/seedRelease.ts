import { randomUUID } from 'node:crypto';
import { PromotionPolicy } from '@release-orchestration/plugin-release-orchestration-common';
import { NewPromotion } from '../database/promotionStoreTypes';
import { Stores } from '../database/types';

/** Stores a one-component release of a System directly (no service rules), returning its summary. */
export async function seedRelease(
  stores: Stores,
  version: string,
  options: { systemRef?: string; createdAt?: string; createdBy?: string } = {},
) {
  const systemRef = options.systemRef ?? 'system:default/shop';
  const createdAt = options.createdAt ?? '2026-11-01T00:00:00.000Z';
  const { build } = await stores.builds.insertIfAbsent({
    id: randomUUID(),
    componentRef: `component:default/${systemRef.split('/')[1]}-api`,
    version,
    artifactUri: `registry/api:${version}`,
    artifactDigest: `sha256:${'c'.repeat(64)}`,
    commitSha: 'abcdef1',
    commitTime: createdAt,
    commits: [],
    reportedBy: 'service:ci',
    createdAt,
  });
  const id = randomUUID();
  await stores.releases.insertIfAbsent({
    id,
    systemRef,
    version,
    riskClass: 'medium',
    createdBy: options.createdBy ?? 'user:default/author',
    createdAt,
    components: [{ componentRef: build.componentRef, buildId: build.id }],
  });
  return (await stores.releases.get(id))!;
}

/** A policy with the given overrides of "one approval from release-managers, nothing else". */
export function testPolicy(
  overrides: Partial<PromotionPolicy> = {},
): PromotionPolicy {
  return {
    approvers: ['group:default/release-managers'],
    minApprovals: 1,
    separationOfDuties: true,
    requiredEvidence: [],
    requirePreviousEnvironment: false,
    ...overrides,
  };
}

/** A new promotion of a release into an environment, pending approval unless overridden. */
export function newPromotion(
  release: { id: string; systemRef: string },
  environment: string,
  overrides: Partial<NewPromotion> = {},
): NewPromotion {
  return {
    id: randomUUID(),
    releaseId: release.id,
    systemRef: release.systemRef,
    environment,
    state: 'pending_approval',
    requestedBy: 'user:default/requester',
    rollback: false,
    policy: testPolicy(),
    createdAt: '2026-11-02T00:00:00.000Z',
    ...overrides,
  };
}
