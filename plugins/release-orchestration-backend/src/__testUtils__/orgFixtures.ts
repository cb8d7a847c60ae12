import { Entity } from '@backstage/catalog-model';
import { testEntities } from './fixtures';

/** A User entity that is a member of the given groups. */
export function userEntity(name: string, groups: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: groups },
    relations: groups.map(g => ({
      type: 'memberOf',
      targetRef: `group:default/${g}`,
    })),
  };
}

/**
 * A Group entity with the relations the catalog would add: `hasMember` for its users and
 * `parentOf` for its child groups.
 */
export function groupEntity(
  name: string,
  members: string[],
  children: string[] = [],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children },
    relations: [
      ...members.map(m => ({
        type: 'hasMember',
        targetRef: `user:default/${m}`,
      })),
      ...children.map(c => ({
        type: 'parentOf',
        targetRef: `group:default/${c}`,
      })),
    ],
  };
}

/**
 * The org of the promotion tests: release-managers (rita, ravi) with the child group sre
 * (sam), and developers (dev1, dev2). The test user of mockCredentials (user:default/mock) is
 * a developer.
 */
export const orgEntities: Entity[] = [
  groupEntity('release-managers', ['rita', 'ravi'], ['sre']),
  groupEntity('sre', ['sam']),
  groupEntity('developers', ['mock', 'dev1', 'dev2']),
  userEntity('rita', ['release-managers']),
  userEntity('ravi', ['release-managers']),
  userEntity('sam', ['sre']),
  userEntity('mock', ['developers']),
  userEntity('dev1', ['developers']),
  userEntity('dev2', ['developers']),
];

/** The test Systems and Components plus the org; `annotations` are added to the shop System. */
export function promotionTestEntities(
  shopAnnotations: Record<string, string> = {},
): Entity[] {
  return [
    ...testEntities.map(e =>
      e.kind === 'System' && e.metadata.name === 'shop'
        ? {
            ...e,
            metadata: {
              ...e.metadata,
              annotations: { ...e.metadata.annotations, ...shopAnnotations },
            },
          }
        : e,
    ),
    ...orgEntities,
  ];
}
