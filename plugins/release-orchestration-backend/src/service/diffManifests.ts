import {
  ComponentChange,
  ReleaseComponent,
} from '@release-orchestration/plugin-release-orchestration-common';

/**
 * Component-level difference of two manifests: what `release` changes compared with `against`.
 * Sorted with the changes first (added, changed, removed), then unchanged, each by component.
 */
export function diffManifests(
  release: ReleaseComponent[],
  against: ReleaseComponent[],
): ComponentChange[] {
  const before = new Map(against.map(c => [c.componentRef, c]));
  const after = new Map(release.map(c => [c.componentRef, c]));
  const changes: ComponentChange[] = [];
  for (const [ref, now] of after) {
    const then = before.get(ref);
    if (!then) {
      changes.push({
        componentRef: ref,
        change: 'added',
        toVersion: now.version,
      });
    } else {
      changes.push({
        componentRef: ref,
        change: then.buildId === now.buildId ? 'unchanged' : 'changed',
        fromVersion: then.version,
        toVersion: now.version,
      });
    }
  }
  for (const [ref, then] of before) {
    if (!after.has(ref)) {
      changes.push({
        componentRef: ref,
        change: 'removed',
        fromVersion: then.version,
      });
    }
  }
  const order = { added: 0, changed: 1, removed: 2, unchanged: 3 };
  return changes.sort(
    (a, b) =>
      order[a.change] - order[b.change] ||
      a.componentRef.localeCompare(b.componentRef),
  );
}
