import { Entity } from '@backstage/catalog-model';
import { PolicyDecision } from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  PermissionRule,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import { RESOURCE_TYPE_RELEASE_ORCHESTRATION_SYSTEM } from '@release-orchestration/plugin-release-orchestration-common';
import { SystemResourceQuery, systemPermissionRules } from './systemResource';

type SystemRule = PermissionRule<
  Entity,
  SystemResourceQuery,
  typeof RESOURCE_TYPE_RELEASE_ORCHESTRATION_SYSTEM
>;

/** The System resource's rules by name, as the permissions registry would hand them out. */
const systemRuleset: PermissionRuleset<
  Entity,
  SystemResourceQuery,
  typeof RESOURCE_TYPE_RELEASE_ORCHESTRATION_SYSTEM
> = {
  getRuleByName(name) {
    const rule = (Object.values(systemPermissionRules) as SystemRule[]).find(
      r => r.name === name,
    );
    if (!rule) {
      throw new Error(
        `Unknown permission rule ${name} for ${RESOURCE_TYPE_RELEASE_ORCHESTRATION_SYSTEM}`,
      );
    }
    return rule;
  },
};

/**
 * Whether a decision allows the action on one System's (or lone Component's) catalog entity:
 * ALLOW and DENY as they are, a conditional decision by applying its conditions to the entity,
 * as the permission backend would through this plugin's apply-conditions endpoint; an entity not
 * in the catalog is denied.
 */
export const authorizeSystemEntity: (
  decision: PolicyDecision,
  entity: Entity | undefined,
) => boolean = createConditionAuthorizer(systemRuleset);
