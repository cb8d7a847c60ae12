import { Entity } from '@backstage/catalog-model';
import { evaluateFilterPredicate } from '@backstage/filter-predicates';
import {
  isReleaseOrchestrationAvailable,
  releaseOrchestrationEntityFilter,
} from './isReleaseOrchestrationAvailable';

const entity = (
  kind: string,
  annotations?: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x', ...(annotations ? { annotations } : {}) },
});

const enabled = { 'release-orchestration.io/enabled': 'true' };
const policy = { 'release-orchestration.io/policy': 'regulated' };

const cases: Array<[string, Entity, boolean]> = [
  ['a System without annotations', entity('System'), false],
  ['a Component without annotations', entity('Component'), false],
  ['an opted-in System', entity('System', enabled), true],
  ['an opted-in Component', entity('Component', enabled), true],
  ['a System naming a policy', entity('System', policy), true],
  [
    '"True" in another case',
    entity('system', { 'release-orchestration.io/enabled': 'True' }),
    true,
  ],
  [
    'a System opted out despite its policy',
    entity('System', {
      ...policy,
      'release-orchestration.io/enabled': 'false',
    }),
    false,
  ],
  [
    'another value of the annotation',
    entity('System', { 'release-orchestration.io/enabled': 'yes' }),
    false,
  ],
  [
    'an unrelated annotation',
    entity('System', { 'backstage.io/source-location': 'url:x' }),
    false,
  ],
  ['an opted-in API', entity('API', enabled), false],
  ['an opted-in Group', entity('Group', enabled), false],
];

describe('isReleaseOrchestrationAvailable', () => {
  it.each(cases)('%s -> %s', (_name, e, expected) => {
    expect(isReleaseOrchestrationAvailable(e)).toBe(expected);
  });

  it.each(cases)(
    'the new frontend system filter agrees for %s',
    (_name, e, expected) => {
      const predicate = releaseOrchestrationEntityFilter([
        'system',
        'component',
      ]);
      expect(evaluateFilterPredicate(predicate, e)).toBe(expected);
    },
  );

  it('restricts the filter to the given kinds', () => {
    const predicate = releaseOrchestrationEntityFilter(['system']);
    expect(evaluateFilterPredicate(predicate, entity('System', enabled))).toBe(
      true,
    );
    expect(
      evaluateFilterPredicate(predicate, entity('Component', enabled)),
    ).toBe(false);
  });
});
