import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import listing from './__fixtures__/applications.json';
import { ArgoCdApplication } from './argoCdTypes';
import {
  locatorsFromEntities,
  matchesLabelSelector,
  parseLabelSelector,
} from './catalogLocators';
import { mapApplication } from './mapApplication';
import { ArgoCdInstance, readArgoCdInstances } from './readArgoCdConfig';

const applications = listing.items as unknown as ArgoCdApplication[];
const byName = (name: string) =>
  applications.find(a => a.metadata.name === name)!;
const lanes = ['dev', 'staging', 'production'];

const instance: ArgoCdInstance = {
  name: 'main',
  baseUrl: 'https://argocd.acme.example',
  token: 't',
  projects: [],
  applications: [],
};

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
  };
}

describe('finding Argo CD applications through the catalog (argocd/app-name, argocd/app-selector)', () => {
  it('parses and matches equality-based label selectors, and refuses what is not one', () => {
    expect(parseLabelSelector('app=payments')).toEqual([
      { key: 'app', op: '=', value: 'payments' },
    ]);
    expect(
      parseLabelSelector(
        'app.kubernetes.io/part-of==payments, tier!=db,team,!legacy',
      ),
    ).toEqual([
      { key: 'app.kubernetes.io/part-of', op: '=', value: 'payments' },
      { key: 'tier', op: '!=', value: 'db' },
      { key: 'team', op: 'exists' },
      { key: 'legacy', op: '!exists' },
    ]);
    for (const bad of ['', 'a=b,', 'a in (b)', '!a=b', '=b', 'a b']) {
      expect(parseLabelSelector(bad)).toBeUndefined();
    }
    const selector = parseLabelSelector('team=payments,!legacy')!;
    expect(matchesLabelSelector(selector, { team: 'payments' })).toBe(true);
    expect(
      matchesLabelSelector(selector, { team: 'payments', legacy: 'yes' }),
    ).toBe(false);
    expect(matchesLabelSelector(selector, { team: 'checkout' })).toBe(false);
    expect(matchesLabelSelector(selector, undefined)).toBe(false);
  });

  it('reads locators from Components only, and names a malformed selector', () => {
    const { locators, problems } = locatorsFromEntities([
      component('ledger', {
        'argocd/app-name': 'ledger-prod',
        'argocd/instance-name': 'main',
      }),
      component('Payments-API', {
        'argocd/app-selector': 'app.kubernetes.io/part-of=payments',
        'argocd/app-namespace': 'argocd',
      }),
      component('broken', { 'argocd/app-selector': 'app in (x)' }),
      { ...component('a-system', { 'argocd/app-name': 'x' }), kind: 'System' },
    ]);
    expect(locators).toEqual([
      {
        componentRef: 'component:default/ledger',
        appName: 'ledger-prod',
        instanceName: 'main',
      },
      {
        componentRef: 'component:default/payments-api',
        selector: [
          { key: 'app.kubernetes.io/part-of', op: '=', value: 'payments' },
        ],
        appNamespace: 'argocd',
      },
    ]);
    expect(problems).toEqual([
      "component:default/broken: argocd/app-selector 'app in (x)' is not a label selector like app=payments",
    ]);
  });

  it('maps an application named by argocd/app-name, its lane from the destination namespace', () => {
    const context = {
      locators: [
        { componentRef: 'component:default/ledger', appName: 'ledger-prod' },
      ],
      environments: lanes,
    };
    expect(
      mapApplication(instance, byName('ledger-prod'), context),
    ).toMatchObject({
      deployment: {
        component: 'component:default/ledger',
        environment: 'production',
        status: 'failed',
      },
    });
    // Without the catalog the application is not tracked (no annotations, no config mapping).
    expect(mapApplication(instance, byName('ledger-prod'))).toEqual({
      untracked: true,
    });
    // Another instance, or another namespace, than the annotations name: not this application.
    expect(
      mapApplication(instance, byName('ledger-prod'), {
        ...context,
        locators: [{ ...context.locators[0], instanceName: 'eu' }],
      }),
    ).toEqual({ untracked: true });
    expect(
      mapApplication(instance, byName('ledger-prod'), {
        ...context,
        locators: [{ ...context.locators[0], appNamespace: 'team-ledger' }],
      }),
    ).toEqual({ untracked: true });
  });

  it('prefers the catalog over the application annotations, and takes the lane from them', () => {
    // payments-api-production carries release-orchestration.io annotations for payments-api.
    const context = {
      locators: [
        {
          componentRef: 'component:shop/payments-api',
          selector: parseLabelSelector('app.kubernetes.io/part-of=payments')!,
        },
      ],
      environments: lanes,
    };
    expect(
      mapApplication(instance, byName('payments-api-production'), context),
    ).toMatchObject({
      deployment: {
        component: 'component:shop/payments-api',
        environment: 'production',
        version: '3.2.0',
      },
    });
  });

  it('skips an application that several Components claim, or whose lane it cannot tell', () => {
    const ambiguous = mapApplication(instance, byName('ledger-prod'), {
      locators: [
        { componentRef: 'component:default/ledger', appName: 'ledger-prod' },
        {
          componentRef: 'component:default/ledger-v2',
          selector: [{ key: 'team', op: '=', value: 'payments' }],
        },
      ],
      environments: lanes,
    });
    expect(ambiguous).toEqual({
      skipped:
        'argocd/ledger-prod: named by several Components in the catalog (component:default/ledger, component:default/ledger-v2)',
    });
    const laneless = mapApplication(instance, byName('ledger-prod'), {
      locators: [
        { componentRef: 'component:default/ledger', appName: 'ledger-prod' },
      ],
      environments: ['dev', 'qa'],
    });
    expect(laneless).toEqual({
      skipped: expect.stringContaining(
        'argocd/ledger-prod: no lane found for component:default/ledger',
      ),
    });
  });

  it("reads the community plugins' argocd.appLocatorMethods beside its own instances", () => {
    const config = new ConfigReader({
      releaseOrchestration: {
        argocd: {
          instances: [
            {
              name: 'main',
              baseUrl: 'https://argocd.acme.example',
              token: 'own',
            },
          ],
        },
      },
      argocd: {
        appLocatorMethods: [
          {
            type: 'config',
            instances: [
              {
                name: 'main',
                url: 'https://other.example',
                token: 'ignored: the own config names main',
              },
              {
                name: 'argoInstance2',
                url: 'https://argo2.acme.example/',
                username: 'backstage',
                password: 'pw',
              },
            ],
          },
        ],
      },
    });
    expect(readArgoCdInstances(config)).toEqual([
      expect.objectContaining({
        name: 'main',
        baseUrl: 'https://argocd.acme.example',
        token: 'own',
      }),
      {
        name: 'argoInstance2',
        baseUrl: 'https://argo2.acme.example',
        username: 'backstage',
        password: 'pw',
        projects: [],
        applications: [],
      },
    ]);
    expect(() =>
      readArgoCdInstances(
        new ConfigReader({
          argocd: {
            appLocatorMethods: [
              {
                type: 'config',
                instances: [{ name: 'x', url: 'https://x.example' }],
              },
            ],
          },
        }),
      ),
    ).toThrow(
      'argocd.appLocatorMethods[0].instances[0]: needs a token, or a username and a password',
    );
  });
});
