import { Entity } from '@backstage/catalog-model';
import { DemoOrg } from './demoOrg';

const ANNOTATIONS = { 'release-orchestration.io/enabled': 'true' };

const FIRST_NAMES = [
  'Noor',
  'Mateo',
  'Aiko',
  'Lena',
  'Kwame',
  'Priya',
  'Tomás',
  'Ingrid',
  'Yusuf',
  'Mei',
  'Olga',
  'Rafael',
];

const nameOf = (ref: string) => ref.slice(ref.indexOf('/') + 1);
const titleOf = (name: string) =>
  name
    .split('-')
    .map(w => (w.length <= 3 && w !== 'app' ? w.toUpperCase() : w))
    .map(w => w[0].toUpperCase() + w.slice(1))
    .join(' ');

/**
 * The generated organisation as catalog entities: departments and teams (Groups), their members
 * (Users), Systems (opted in to Release Orchestration) and their Components, owned by the teams.
 * The demo backend's catalog module provides them beside examples/org.yaml and entities.yaml.
 */
export function demoOrgEntities(org: DemoOrg): Entity[] {
  const entities: Entity[] = [];
  for (const group of org.groups) {
    const name = nameOf(group.ref);
    const title = titleOf(name);
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name, title },
      spec: {
        type: group.type,
        profile: { displayName: title },
        parent: nameOf(group.parent),
        children: org.groups
          .filter(g => g.parent === group.ref)
          .map(g => nameOf(g.ref)),
      },
    });
  }
  org.users.forEach((user, i) => {
    const name = nameOf(user.ref);
    const role = name.slice(name.lastIndexOf('-') + 1);
    const team = titleOf(nameOf(user.team).replace(/-team$/, ''));
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name },
      spec: {
        profile: {
          displayName: `${FIRST_NAMES[i % FIRST_NAMES.length]} (${team} ${
            role === 'sre' || role === 'qa' ? role.toUpperCase() : role
          })`,
          email: `${name}@acme.example`,
        },
        memberOf: [nameOf(user.team)],
      },
    });
  });
  for (const system of org.systems) {
    const name = nameOf(system.ref);
    const { level } = system.scenario.profile;
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: {
        name,
        title: titleOf(name),
        description: `Generated demo System (${level} delivery profile${
          system.scenario.regression ? ', recent regression' : ''
        }${system.scenario.production ? '' : ', not yet in production'})`,
        annotations: ANNOTATIONS,
        tags: ['demo-generated'],
      },
      spec: { owner: system.owner },
    });
    for (const componentRef of system.componentRefs) {
      const componentName = nameOf(componentRef);
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: componentName,
          annotations: {
            ...ANNOTATIONS,
            'backstage.io/source-location': `url:https://git.acme.example/${name}/${componentName}`,
          },
        },
        spec: {
          type: componentName.endsWith('-web') ? 'website' : 'service',
          lifecycle: 'production',
          owner: system.owner,
          system: system.ref,
        },
      });
    }
  }
  return entities;
}
