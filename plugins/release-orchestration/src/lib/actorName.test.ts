import { mockApis } from '@backstage/test-utils';
import { readServicePrincipalNames, serviceDisplayName } from './actorName';

describe('service principal names', () => {
  it('reads the configured names and shows them instead of the ref', () => {
    const names = readServicePrincipalNames(
      mockApis.config({
        data: {
          releaseOrchestration: {
            servicePrincipals: [
              {
                actor: 'service:external:ci-pipeline',
                displayName: 'CI pipeline',
              },
              { actor: 'service:external:argo' },
            ],
          },
        },
      }),
    );
    expect([...names]).toEqual([['ci-pipeline', 'CI pipeline']]);
    // A static token's actor comes without `external:`; both spellings get the name.
    expect(serviceDisplayName('service:ci-pipeline', names)).toBe(
      'CI pipeline',
    );
    expect(serviceDisplayName('service:external:ci-pipeline', names)).toBe(
      'CI pipeline',
    );
    expect(serviceDisplayName('service:external:argo', names)).toBe('argo');
    expect(serviceDisplayName('service:deployer')).toBe('deployer');
    expect(readServicePrincipalNames(mockApis.config()).size).toBe(0);
  });
});
