import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  readAnnotatedComponents,
  sourceLocationHost,
} from './catalogComponents';

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { owner: 'group:default/team', type: 'service' },
  };
}

describe('readAnnotatedComponents', () => {
  it('lists the components whose annotation matches, with lower-case refs and trimmed values', async () => {
    const catalog = catalogServiceMock({
      entities: [
        component('Payments', { 'github.com/project-slug': ' acme/payments ' }),
        component('bad', { 'github.com/project-slug': 'no slash' }),
        component('other', { 'gitlab.com/project-slug': 'acme/other' }),
      ],
    });
    const found = await readAnnotatedComponents({
      catalog,
      auth: mockServices.auth(),
      annotation: 'github.com/project-slug',
      pattern: /^[\w.-]+\/[\w.-]+$/,
    });
    expect(found.map(c => `${c.componentRef} ${c.value}`)).toEqual([
      'component:default/payments acme/payments',
    ]);
  });
});

describe('sourceLocationHost', () => {
  it('is the source location host when an integration has it', () => {
    const known = (host: string) => host === 'ghe.acme.example';
    expect(
      sourceLocationHost(
        {
          'backstage.io/source-location':
            'url:https://ghe.acme.example/core/ledger/tree/main/',
        },
        known,
      ),
    ).toBe('ghe.acme.example');
    expect(
      sourceLocationHost(
        { 'backstage.io/source-location': 'url:https://github.com/a/b' },
        known,
      ),
    ).toBeUndefined();
    expect(sourceLocationHost({}, known)).toBeUndefined();
  });
});
