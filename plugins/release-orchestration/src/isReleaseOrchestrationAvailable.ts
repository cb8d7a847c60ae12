import { Entity } from '@backstage/catalog-model';

/**
 * Whether an entity gets the Releases tab: Systems (the unit of release) and
 * Components (whose builds go into releases). Use with `EntitySwitch.Case`.
 * @public
 */
export function isReleaseOrchestrationAvailable(entity: Entity): boolean {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  return kind === 'system' || kind === 'component';
}
