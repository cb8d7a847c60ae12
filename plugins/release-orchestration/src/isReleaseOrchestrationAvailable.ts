import { Entity } from '@backstage/catalog-model';
import type { FilterPredicate } from '@backstage/filter-predicates';

/**
 * The annotation by which a System or Component opts in to Release
 * Orchestration's tab and cards: `release-orchestration.io/enabled: "true"`.
 * `"false"` opts out, even with a policy annotation.
 * @public
 */
export const RELEASE_ORCHESTRATION_ENABLED_ANNOTATION =
  'release-orchestration.io/enabled';

/**
 * The annotation by which a System selects a named promotion policy; a System
 * carrying it has opted in too.
 * @public
 */
export const RELEASE_ORCHESTRATION_POLICY_ANNOTATION =
  'release-orchestration.io/policy';

/**
 * Whether an entity gets the Releases tab and the overview cards: a System or
 * Component that opted in, by `release-orchestration.io/enabled: "true"` or by
 * naming a policy with `release-orchestration.io/policy`, and did not opt out
 * with `release-orchestration.io/enabled: "false"`. Each entity opts in by its
 * own annotations (a Component's System is not looked up: the check runs
 * synchronously on the entity page). Use with `EntitySwitch.Case` or
 * `EntityLayout.Route`'s `if`.
 * @public
 */
export function isReleaseOrchestrationAvailable(entity: Entity): boolean {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  if (kind !== 'system' && kind !== 'component') return false;
  const annotations = entity.metadata.annotations ?? {};
  const enabled = annotations[RELEASE_ORCHESTRATION_ENABLED_ANNOTATION];
  const normalized =
    typeof enabled === 'string'
      ? enabled.toLocaleLowerCase('en-US')
      : undefined;
  if (normalized === 'false') return false;
  if (normalized === 'true') return true;
  return annotations[RELEASE_ORCHESTRATION_POLICY_ANNOTATION] !== undefined;
}

/**
 * The opt-in of {@link isReleaseOrchestrationAvailable} as a filter predicate
 * of the new frontend system, restricted to the given kinds; the default
 * `filter` of the entity content and card extensions in `./alpha` (and
 * overridable in app-config).
 * @public
 */
export function releaseOrchestrationEntityFilter(
  kinds: string[],
): FilterPredicate {
  const enabled = `metadata.annotations.${RELEASE_ORCHESTRATION_ENABLED_ANNOTATION}`;
  const policy = `metadata.annotations.${RELEASE_ORCHESTRATION_POLICY_ANNOTATION}`;
  return {
    $all: [
      { kind: { $in: kinds } },
      { $any: [{ [enabled]: 'true' }, { [policy]: { $exists: true } }] },
      { $not: { [enabled]: 'false' } },
    ],
  };
}
