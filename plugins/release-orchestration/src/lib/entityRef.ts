import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  normalizeEntityRef,
  parseFullEntityRef,
} from '@release-orchestration/plugin-release-orchestration-common';

/** The entity's full ref, lower-cased the way the backend stores refs. */
export function entityRefOf(entity: Entity): string {
  const ref = stringifyEntityRef(entity);
  return normalizeEntityRef(ref) ?? ref;
}

/** The name part of a full entity ref, for compact display. */
export function entityNameOf(ref: string): string {
  return parseFullEntityRef(ref)?.name ?? ref;
}
