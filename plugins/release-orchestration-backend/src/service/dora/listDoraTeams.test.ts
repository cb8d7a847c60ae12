import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { listDoraTeams } from './listDoraTeams';

const group = (name: string, children: string[], title?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
  spec: { type: 'team', children },
  relations: children.map(child => ({
    type: 'parentOf',
    targetRef: `group:default/${child}`,
  })),
});

const system = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name, namespace: 'default' },
  spec: { owner },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

describe('listDoraTeams', () => {
  it("lists the Groups that own Systems, each with its descendant groups' Systems", async () => {
    const catalog = catalogServiceMock({
      entities: [
        group('eng', ['payments', 'checkout'], 'Engineering'),
        group('payments', ['ledger']),
        group('ledger', []),
        group('checkout', []),
        group('release-managers', []),
        system('shop', 'group:default/eng'),
        system('pay', 'group:default/payments'),
        system('books', 'group:default/ledger'),
        system('mine', 'user:default/alice'),
      ],
    });
    const teams = await listDoraTeams(catalog, mockCredentials.user());
    expect(teams).toEqual([
      // eng owns shop, and covers payments' and ledger's Systems through its children
      {
        ref: 'group:default/eng',
        title: 'Engineering',
        systems: [
          'system:default/books',
          'system:default/pay',
          'system:default/shop',
        ],
      },
      {
        ref: 'group:default/ledger',
        title: 'ledger',
        systems: ['system:default/books'],
      },
      {
        ref: 'group:default/payments',
        title: 'payments',
        systems: ['system:default/books', 'system:default/pay'],
      },
    ]);
  });
});
