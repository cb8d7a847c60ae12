import listing from './__fixtures__/applications.json';
import { ArgoCdApplication } from './argoCdTypes';
import { mapApplication, parseImage } from './mapApplication';
import { ArgoCdInstance } from './readArgoCdConfig';

const instance: ArgoCdInstance = {
  name: 'main',
  baseUrl: 'https://argocd.acme.example',
  token: 't',
  projects: [],
  applications: [
    {
      name: 'ledger-prod',
      component: 'component:default/ledger',
      environment: 'production',
      image: 'registry.acme.example/payments/ledger',
      versionFrom: 'image',
    },
  ],
};

const applications = listing.items as unknown as ArgoCdApplication[];
const byName = (name: string) =>
  applications.find(a => a.metadata.name === name)!;

describe('mapApplication', () => {
  it('parses image references with registries, ports, tags and digests', () => {
    expect(
      parseImage('registry.acme.example/payments/payments-api:3.2.0'),
    ).toEqual({
      repository: 'registry.acme.example/payments/payments-api',
      tag: '3.2.0',
    });
    expect(parseImage('localhost:5000/app@sha256:abcd')).toEqual({
      repository: 'localhost:5000/app',
    });
    expect(parseImage('localhost:5000/app:1.0@sha256:abcd')).toEqual({
      repository: 'localhost:5000/app',
      tag: '1.0',
    });
  });

  it('maps a finished sync of an annotated application, picking the image named after the component', () => {
    expect(mapApplication(instance, byName('payments-api-production'))).toEqual(
      {
        deployment: {
          key: 'main/argocd/payments-api-production@2026-11-20T14:02:11Z',
          component: 'component:default/payments-api',
          environment: 'production',
          version: '3.2.0',
          status: 'succeeded',
          startedAt: '2026-11-20T14:02:11Z',
          finishedAt: '2026-11-20T14:03:40Z',
          deployer: 'argocd:automated',
          rollback: false,
        },
      },
    );
  });

  it('maps a running sync from labels with short names, with the version it is rolling out', () => {
    expect(mapApplication(instance, byName('payments-api-staging'))).toEqual({
      deployment: {
        key: 'main/argocd/payments-api-staging@2026-11-20T15:09:58Z',
        component: 'component:default/payments-api',
        environment: 'staging',
        version: '3.3.0-rc.1',
        status: 'started',
        startedAt: '2026-11-20T15:09:58Z',
        deployer: 'dana@acme.example',
        rollback: false,
      },
    });
  });

  it('maps a failed sync of a configured application to the version that failed, not the one still running', () => {
    expect(mapApplication(instance, byName('ledger-prod'))).toMatchObject({
      deployment: {
        component: 'component:default/ledger',
        version: '2.8.0',
        status: 'failed',
        finishedAt: '2026-11-20T11:34:41Z',
      },
    });
  });

  it("flags Argo CD's rollbacks (a sync with a source override) and names who started them", () => {
    expect(
      mapApplication(instance, byName('checkout-web-production')),
    ).toMatchObject({
      deployment: {
        version: '5.4.1',
        status: 'succeeded',
        rollback: true,
        deployer: 'erin@acme.example',
      },
    });
  });

  it('uses the newest history entry and the synced revision when asked, for an application without an operation', () => {
    expect(mapApplication(instance, byName('gateway-dev'))).toEqual({
      deployment: {
        key: 'main/argocd/gateway-dev@2026-11-19T06:59:58Z',
        component: 'component:default/gateway',
        environment: 'dev',
        version: '1.9.0',
        status: 'succeeded',
        startedAt: '2026-11-19T06:59:58Z',
        finishedAt: '2026-11-19T07:00:14Z',
        deployer: 'argocd:automated',
        rollback: false,
      },
    });
  });

  it('ignores untracked applications and explains the ones it cannot map', () => {
    expect(mapApplication(instance, byName('argocd-image-updater'))).toEqual({
      untracked: true,
    });
    expect(mapApplication(instance, byName('search-indexer-dev'))).toEqual({
      skipped:
        'argocd/search-indexer-dev: no version found (no tagged image among registry.acme.example/search/indexer-worker:4.1.0, registry.acme.example/search/indexer-api:4.1.0)',
    });
    const unsynced = {
      metadata: {
        name: 'new',
        annotations: byName('gateway-dev').metadata.annotations,
      },
      status: {},
    };
    expect(mapApplication(instance, unsynced)).toEqual({
      skipped: 'argocd/new: has not been synced yet',
    });
  });
});
