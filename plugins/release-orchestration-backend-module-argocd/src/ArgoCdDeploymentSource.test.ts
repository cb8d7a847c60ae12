import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import listing from './__fixtures__/applications.json';
import { ArgoCdDeploymentSource } from './ArgoCdDeploymentSource';
import { ArgoCdInstance } from './readArgoCdConfig';

const server = setupServer();
registerMswTestHooks(server);

const instance = (
  name: string,
  baseUrl: string,
  token: string,
): ArgoCdInstance => ({
  name,
  baseUrl,
  token,
  selector: 'team=payments',
  projects: ['default'],
  applications: [],
});

describe('ArgoCdDeploymentSource', () => {
  it('reads every instance with its token and filters, and keeps going when one cannot be read', async () => {
    const seen: string[] = [];
    server.use(
      http.get(
        'https://argocd.acme.example/api/v1/applications',
        ({ request }) => {
          seen.push(
            `${request.headers.get('authorization')} ${
              new URL(request.url).search
            }`,
          );
          return HttpResponse.json(listing);
        },
      ),
      http.get('https://argocd-eu.acme.example/api/v1/applications', () =>
        HttpResponse.json(
          {
            error: 'invalid session: token is expired',
            code: 16,
            message: 'invalid session: token is expired',
          },
          { status: 401 },
        ),
      ),
    );
    const logger = mockServices.logger.mock();
    const source = new ArgoCdDeploymentSource(
      [
        instance('eu', 'https://argocd-eu.acme.example', 'expired'),
        instance('main', 'https://argocd.acme.example', 'secret-token'),
      ],
      logger,
    );
    const deployments = await source.readDeployments();
    expect(seen).toEqual([
      'Bearer secret-token ?selector=team%3Dpayments&projects=default',
    ]);
    expect(
      deployments.map(
        d => `${d.environment} ${d.component}@${d.version} ${d.status}`,
      ),
    ).toEqual([
      'production component:default/payments-api@3.2.0 succeeded',
      'staging component:default/payments-api@3.3.0-rc.1 started',
      'production component:default/checkout-web@5.4.1 succeeded',
      'dev component:default/gateway@1.9.0 succeeded',
      'qa component:default/checkout-web@5.5.0 succeeded',
    ]);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining(
        'Could not read applications from Argo CD eu: Error: Argo CD eu answered 401 Unauthorized for /api/v1/applications: invalid session: token is expired',
      ),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'skipped argocd/search-indexer-dev: no version found',
      ),
    );
  });
});
