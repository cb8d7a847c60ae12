import {
  ComponentDrift,
  EnvironmentDrift,
  ReleaseComponent,
  RunningComponent,
} from '@release-orchestration/plugin-release-orchestration-common';
import { RunningComponentRecord } from '../database/deploymentStoreTypes';

/** The expected manifest of a lane: its current release and the deployment that made it so. */
export interface ExpectedManifest {
  deploymentId: string;
  deployedAt: string;
  components: ReleaseComponent[];
}

/**
 * What runs in a lane: the newest succeeded deployment of each component, except components
 * a later whole-release deployment left out (a whole release replaces the set of components).
 */
export function runningComponents(
  records: RunningComponentRecord[],
  lastWholeRelease?: { deploymentId: string; finishedAt: string },
): RunningComponent[] {
  return records
    .filter(
      r =>
        !lastWholeRelease ||
        r.deploymentId === lastWholeRelease.deploymentId ||
        r.deployedAt >= lastWholeRelease.finishedAt,
    )
    .map(r => ({
      componentRef: r.componentRef,
      version: r.version,
      deploymentId: r.deploymentId,
      deployedAt: r.deployedAt,
      ...(r.releaseId ? { releaseId: r.releaseId } : {}),
    }));
}

/** The later of two moments, with the deployment that marks it. */
function later(running: RunningComponent, expected?: ExpectedManifest) {
  return expected && expected.deployedAt > running.deployedAt
    ? { since: expected.deployedAt, sinceDeploymentId: expected.deploymentId }
    : { since: running.deployedAt, sinceDeploymentId: running.deploymentId };
}

/**
 * Drift of one lane: the expected manifest against what runs. A difference dates from the later
 * of the deployment that put the running version there and the one that set the expectation.
 * Without an expected release, everything running is outside a release.
 */
export function computeDrift(
  expected: ExpectedManifest | undefined,
  running: RunningComponent[],
): EnvironmentDrift {
  if (!expected && running.length === 0) {
    return { state: 'unknown', components: [] };
  }
  const runningByRef = new Map(running.map(r => [r.componentRef, r]));
  const expectedRefs = new Set(expected?.components.map(c => c.componentRef));
  const components: ComponentDrift[] = [];
  for (const line of expected?.components ?? []) {
    const actual = runningByRef.get(line.componentRef);
    if (!actual) {
      components.push({
        componentRef: line.componentRef,
        reason: 'not-deployed',
        expectedVersion: line.version,
        since: expected!.deployedAt,
        sinceDeploymentId: expected!.deploymentId,
      });
    } else if (actual.version !== line.version) {
      components.push({
        componentRef: line.componentRef,
        reason: 'version-differs',
        expectedVersion: line.version,
        runningVersion: actual.version,
        ...later(actual, expected),
      });
    }
  }
  for (const actual of running) {
    if (!expectedRefs.has(actual.componentRef)) {
      components.push({
        componentRef: actual.componentRef,
        reason: 'not-in-release',
        runningVersion: actual.version,
        ...later(actual, expected),
      });
    }
  }
  components.sort((a, b) => a.componentRef.localeCompare(b.componentRef));
  return { state: components.length > 0 ? 'drifted' : 'in_sync', components };
}
