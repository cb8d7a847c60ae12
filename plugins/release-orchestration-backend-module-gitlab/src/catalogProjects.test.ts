import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { catalogProjects } from './catalogProjects';

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { owner: 'group:default/team', type: 'service' },
  };
}

describe('catalogProjects', () => {
  it('finds the GitLab of each annotated component: gitlab.com/instance, the source location, else gitlab.com', async () => {
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: {
          gitlab: [
            { host: 'gitlab.com', token: 't' },
            {
              host: 'gitlab.acme.example',
              apiBaseUrl: 'https://gitlab.acme.example/api/v4',
              token: 't',
            },
          ],
        },
      }),
    );
    const catalog = catalogServiceMock({
      entities: [
        component('api', { 'gitlab.com/project-slug': 'acme/payments/api' }),
        component('ledger', {
          'gitlab.com/project-slug': 'core/ledger',
          'gitlab.com/instance': 'gitlab.acme.example',
        }),
        component('web', {
          'gitlab.com/project-slug': 'core/web',
          'backstage.io/source-location':
            'url:https://gitlab.acme.example/core/web/-/tree/main/',
        }),
        component('bad', { 'gitlab.com/project-slug': 'no-group' }),
        component('other', { 'github.com/project-slug': 'acme/other' }),
      ],
    });
    const projects = await catalogProjects({
      catalog,
      auth: mockServices.auth(),
      integrations,
    });
    expect(
      projects
        .map(p => `${p.componentRef} ${p.apiBaseUrl} ${p.baseUrl} ${p.slug}`)
        .sort(),
    ).toEqual([
      'component:default/api https://gitlab.com/api/v4 https://gitlab.com acme/payments/api',
      'component:default/ledger https://gitlab.acme.example/api/v4 https://gitlab.acme.example core/ledger',
      'component:default/web https://gitlab.acme.example/api/v4 https://gitlab.acme.example core/web',
    ]);
  });
});
