import { Entity } from '@backstage/catalog-model';
import { ReportBuildInput } from '../service/BuildService';

/** A System entity with the given name. */
export function systemEntity(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name, namespace: 'default' },
    spec: { owner: 'group:default/team-a' },
  };
}

/** A Component entity that is part of a System, with the relation the catalog would add. */
export function componentEntity(name: string, system: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', title: name.toUpperCase() },
    spec: { type: 'service', owner: 'group:default/team-a', system },
    relations: [{ type: 'partOf', targetRef: `system:default/${system}` }],
  };
}

/** The demo-ish catalog the tests run against: shop (api, web, worker) and bank (ledger). */
export const testEntities: Entity[] = [
  systemEntity('shop'),
  componentEntity('api', 'shop'),
  componentEntity('web', 'shop'),
  componentEntity('worker', 'shop'),
  systemEntity('bank'),
  componentEntity('ledger', 'bank'),
  systemEntity('empty'),
];

let counter = 0;

/** A valid build report for a component and version; the digest is derived from both. */
export function buildInput(
  component: string,
  version: string,
  overrides: Partial<ReportBuildInput> = {},
): ReportBuildInput {
  counter += 1;
  const hex = Buffer.from(`${component}@${version}`)
    .toString('hex')
    .padEnd(64, '0')
    .slice(0, 64);
  return {
    component: `component:default/${component}`,
    version,
    artifactUri: `registry.example/${component}:${version}`,
    artifactDigest: `sha256:${hex}`,
    buildUrl: `https://ci.example/${component}/${counter}`,
    commitSha: hex.slice(0, 40),
    commitTime: '2026-11-01T10:00:00.000Z',
    ...overrides,
  };
}
