import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { groupEntity, promotionTestEntities, userEntity } from '../__testUtils__/orgFixtures';
import { DefaultCatalogGateway } from './CatalogGateway';

describe('DefaultCatalogGateway as PolicyCatalog', () => {
  const gateway = (entities = promotionTestEntities({ 'release-orchestration.io/policy': 'regulated' })) =>
    new DefaultCatalogGateway(catalogServiceMock({ entities }), mockServices.auth());

  it('resolves members of groups through child groups at any depth, once each', async () => {
    const entities = [
      ...promotionTestEntities(),
      groupEntity('platform', ['pat'], ['release-managers']),
      groupEntity('cycle', ['cy'], ['platform', 'cycle']),
      userEntity('pat', ['platform']),
    ];
    const catalog = gateway(entities);
    expect(await catalog.getGroupMembers(['group:default/release-managers'])).toEqual([
      'user:default/ravi',
      'user:default/rita',
      'user:default/sam',
    ]);
    expect(await catalog.getGroupMembers(['group:default/cycle', 'group:default/developers'])).toEqual([
      'user:default/cy',
      'user:default/dev1',
      'user:default/dev2',
      'user:default/mock',
      'user:default/pat',
      'user:default/ravi',
      'user:default/rita',
      'user:default/sam',
    ]);
    expect(await catalog.getGroupMembers(['group:default/nobody'])).toEqual([]);
    expect(await catalog.getGroupMembers([])).toEqual([]);
  });

  it("reads a System's annotations", async () => {
    const catalog = gateway();
    expect(await catalog.getSystemAnnotations('system:default/shop')).toEqual({
      'release-orchestration.io/policy': 'regulated',
    });
    expect(await catalog.getSystemAnnotations('system:default/bank')).toEqual({});
    expect(await catalog.getSystemAnnotations('system:default/nope')).toBeUndefined();
  });
});
