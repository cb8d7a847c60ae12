import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { RESOURCE_TYPE_RELEASE_ORCHESTRATION_SYSTEM } from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import { ruleParamsSchema } from './ruleParamsSchema';

/**
 * A query fragment of the System resource: a catalog entity filter (`key` with optional
 * `values`), the shape the catalog's own rules produce.
 * @public
 */
export type SystemResourceQuery = { key: string; values?: string[] };

/**
 * The resource the release actions are authorized against: the catalog entity of the System (or
 * of a Component that is part of no System), read with the plugin's own credentials.
 * @public
 */
export const systemResourceRef = createPermissionResourceRef<
  Entity,
  SystemResourceQuery
>().with({
  pluginId: 'release-orchestration',
  resourceType: RESOURCE_TYPE_RELEASE_ORCHESTRATION_SYSTEM,
});

const lower = (value: string) => value.toLocaleLowerCase('en-US');

/** The System's owners as lower-case entity refs: its `ownedBy` relations, else `spec.owner`. */
function ownersOf(entity: Entity): string[] {
  const owners = (entity.relations ?? [])
    .filter(r => r.type === RELATION_OWNED_BY)
    .map(r => lower(r.targetRef));
  const owner = entity.spec?.owner;
  if (owners.length === 0 && typeof owner === 'string') {
    try {
      owners.push(
        lower(
          stringifyEntityRef(
            parseEntityRef(owner, {
              defaultKind: 'group',
              defaultNamespace: entity.metadata.namespace ?? 'default',
            }),
          ),
        ),
      );
    } catch {
      // An owner the catalog could not parse owns nothing.
    }
  }
  return owners;
}

/**
 * `IS_SYSTEM_OWNER`: the System is owned by one of the claims (a policy passes the caller's
 * `ownershipEntityRefs`, i.e. the user and their groups).
 * @public
 */
export const isSystemOwner = createPermissionRule<
  typeof systemResourceRef,
  { claims: string[] }
>({
  name: 'IS_SYSTEM_OWNER',
  description:
    'Allow Systems owned by one of the given entity refs (the caller and their groups)',
  resourceRef: systemResourceRef,
  paramsSchema: ruleParamsSchema(z.object({ claims: z.array(z.string()) }), {
    type: 'object',
    properties: {
      claims: {
        type: 'array',
        items: { type: 'string' },
        description:
          "Entity refs of the owners to match, e.g. the caller's ownershipEntityRefs",
      },
    },
    required: ['claims'],
    additionalProperties: false,
  }),
  apply: (entity, { claims }) => {
    const wanted = new Set(claims.map(lower));
    return ownersOf(entity).some(owner => wanted.has(owner));
  },
  toQuery: ({ claims }) => ({
    key: 'relations.ownedBy',
    values: claims.map(lower),
  }),
});

/**
 * `HAS_ANNOTATION`: the System carries an annotation (with a given value, when one is given),
 * e.g. `release-orchestration.io/policy: regulated`.
 * @public
 */
export const hasSystemAnnotation = createPermissionRule<
  typeof systemResourceRef,
  { annotation: string; value?: string }
>({
  name: 'HAS_ANNOTATION',
  description:
    'Allow Systems that have the given annotation (optionally with the given value)',
  resourceRef: systemResourceRef,
  paramsSchema: ruleParamsSchema(
    z.object({ annotation: z.string(), value: z.string().optional() }),
    {
      type: 'object',
      properties: {
        annotation: { type: 'string', description: 'Name of the annotation' },
        value: {
          type: 'string',
          description: 'Value the annotation must have',
        },
      },
      required: ['annotation'],
      additionalProperties: false,
    },
  ),
  apply: (entity, { annotation, value }) => {
    const annotations = entity.metadata.annotations ?? {};
    return (
      Object.prototype.hasOwnProperty.call(annotations, annotation) &&
      (value === undefined || annotations[annotation] === value)
    );
  },
  toQuery: ({ annotation, value }) => ({
    key: `metadata.annotations.${annotation}`,
    ...(value === undefined ? {} : { values: [value] }),
  }),
});

/** Every rule of the System resource. */
export const systemPermissionRules = {
  isSystemOwner,
  hasAnnotation: hasSystemAnnotation,
};

const systemConditionExports = createConditionExports({
  resourceRef: systemResourceRef,
  rules: systemPermissionRules,
});

/**
 * Conditions over the System resource for permission policies, e.g.
 * `createSystemConditionalDecision(permission, systemConditions.isSystemOwner({ claims }))`.
 * @public
 */
export const systemConditions = systemConditionExports.conditions;

/**
 * The conditional decision that carries {@link systemConditions} for a System permission.
 * @public
 */
export const createSystemConditionalDecision =
  systemConditionExports.createConditionalDecision;
