import { configApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ActorName } from './ActorName';

describe('ActorName', () => {
  it('shows a service principal by its configured display name, else its subject', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            configApiRef,
            mockApis.config({
              data: {
                releaseOrchestration: {
                  servicePrincipals: [
                    {
                      actor: 'service:external:ci-pipeline',
                      displayName: 'CI pipeline',
                    },
                  ],
                },
              },
            }),
          ],
        ]}
      >
        <ul>
          <li>
            <ActorName actor="service:external:ci-pipeline" />
          </li>
          <li>
            <ActorName actor="service:external:argo-cd" />
          </li>
        </ul>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(screen.getByText('CI pipeline')).toBeInTheDocument();
    expect(screen.getByText('argo-cd')).toBeInTheDocument();
    expect(screen.queryByText(/service:external/)).not.toBeInTheDocument();
  });
});
