import { registerMswTestHooks } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { contractJson } from '../../__testUtils__/openapiContract';
import { release2, systemEntity } from '../../__testUtils__/fixtures';
import { baseUrl, createFakeBackend } from '../../__testUtils__/handlers';
import { promotionLanes } from '../../__testUtils__/promotionFixtures';
import { renderEntityTab } from '../../__testUtils__/renderEntityTab';
import { testId } from '../../__testUtils__/testId';

const server = setupServer();
registerMswTestHooks(server);

describe('EvidencePackButton', () => {
  it('downloads the evidence pack from the release page', async () => {
    const requested: string[] = [];
    server.use(
      ...createFakeBackend().handlers,
      http.get(`${baseUrl}/environments`, () =>
        contractJson('GET /environments', { items: promotionLanes }),
      ),
      http.get(
        `${baseUrl}/releases/${testId('rel-2')}/evidence-pack`,
        ({ request }) => {
          requested.push(request.url);
          return contractJson('GET /releases/{id}/evidence-pack', {
            format: 'release-orchestration/evidence-pack@1',
            generatedAt: '2026-12-06T07:00:00.000Z',
            release: { ...release2, evidence: [], promotions: [] },
            manifestDigest: release2.manifestDigest,
            recomputedManifestDigest: release2.manifestDigest,
            deployments: [],
            incidents: [],
            audit: {
              hashing: 'v2',
              head: { sequence: 1, hash: 'a'.repeat(64) },
              events: [],
              truncated: false,
            },
          });
        },
      ),
    );
    const blobs: Blob[] = [];
    Object.assign(URL, {
      createObjectURL: jest.fn((blob: Blob) => {
        blobs.push(blob);
        return 'blob:pack';
      }),
      revokeObjectURL: jest.fn(),
    });

    await renderEntityTab(
      systemEntity,
      `/catalog/default/system/payments/releases/${testId('rel-2')}`,
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Download evidence pack' }),
    );
    await waitFor(() => expect(blobs).toHaveLength(1));
    expect(requested).toHaveLength(1);
    expect(JSON.parse(await blobs[0].text())).toMatchObject({
      manifestDigest: release2.manifestDigest,
    });
  });
});
