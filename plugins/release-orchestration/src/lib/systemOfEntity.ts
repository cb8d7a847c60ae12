import {
  Entity,
  parseEntityRef,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { entityRefOf } from './entityRef';

/**
 * The full ref of the System whose DORA metrics an entity shows: a System's
 * own, a Component's `spec.system` (or its partOf relation); otherwise undefined.
 */
export function systemOfEntity(entity: Entity): string | undefined {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  if (kind === 'system') {
    return entityRefOf(entity);
  }
  const namespace = entity.metadata.namespace ?? 'default';
  const declared = entity.spec?.system;
  let ref: string | undefined;
  if (typeof declared === 'string' && declared) {
    try {
      ref = stringifyEntityRef(
        parseEntityRef(declared, {
          defaultKind: 'system',
          defaultNamespace: namespace,
        }),
      );
    } catch {
      ref = undefined;
    }
  }
  ref ??= entity.relations?.find(
    r => r.type === RELATION_PART_OF && r.targetRef.startsWith('system:'),
  )?.targetRef;
  return ref?.startsWith('system:')
    ? ref.toLocaleLowerCase('en-US')
    : undefined;
}
