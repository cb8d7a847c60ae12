import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { generateDemoOrg } from '@release-orchestration/demo-data';
import { DemoOrgEntityProvider } from './catalogModule';

describe('DemoOrgEntityProvider', () => {
  it('gives the catalog the whole generated organisation in one full mutation, with location annotations', async () => {
    const applyMutation = jest.fn();
    const provider = new DemoOrgEntityProvider(1);
    await provider.connect({
      applyMutation,
      refresh: jest.fn(),
    } as unknown as EntityProviderConnection);
    expect(applyMutation).toHaveBeenCalledTimes(1);
    const mutation = applyMutation.mock.calls[0][0];
    expect(mutation.type).toBe('full');
    const org = generateDemoOrg(1);
    const kinds = (kind: string) =>
      mutation.entities.filter(
        (e: { entity: { kind: string } }) => e.entity.kind === kind,
      ).length;
    expect(kinds('System')).toBe(org.systems.length);
    expect(kinds('Group')).toBe(12 - 3 + 3); // 9 teams and 3 departments
    expect(kinds('User')).toBe(org.users.length);
    for (const { entity, locationKey } of mutation.entities) {
      expect(locationKey).toBe('demo-org:release-orchestration');
      expect(entity.metadata.annotations).toMatchObject({
        [ANNOTATION_LOCATION]: 'demo-org:release-orchestration',
        [ANNOTATION_ORIGIN_LOCATION]: 'demo-org:release-orchestration',
      });
    }
    const orders = mutation.entities.find(
      (e: { entity: { metadata: { name: string } } }) =>
        e.entity.metadata.name === 'orders-team',
    ).entity;
    expect(orders.spec).toMatchObject({ type: 'team', parent: 'commerce' });
  });
});
