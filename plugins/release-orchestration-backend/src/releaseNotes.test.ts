import request from 'supertest';
import { buildInput } from './__testUtils__/fixtures';
import {
  base,
  ci,
  promotionApi,
  promotionTestConfig,
} from './__testUtils__/promotionHarness';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { createTestDatabases } from './__testUtils__/testStores';

jest.setTimeout(60_000);

describe('GET /releases/{id}/notes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('writes markdown notes with commits, pull requests and tickets, against a release or a lane', async () => {
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        config: promotionTestConfig,
      });
      const api = promotionApi(server);
      const r1 = await api.cutRelease('1.0.0');
      await api
        .post('/deployments', {
          idempotencyKey: 'dev-1.0.0',
          environment: 'dev',
          releaseId: r1.id,
          status: 'succeeded',
          startedAt: '2026-11-01T12:00:00Z',
          finishedAt: '2026-11-01T12:05:00Z',
        })
        .expect(201);
      await api
        .post(
          '/builds',
          buildInput('api', '1.1.0', {
            commits: [
              {
                sha: 'a'.repeat(40),
                time: '2026-11-02T10:00:00.000Z',
                message: 'PAY-42: faster refunds (#123)\n\nlong body',
              },
              {
                sha: 'b'.repeat(40),
                time: '2026-11-02T11:00:00.000Z',
                message: 'Fix <script> in *receipts* !7',
              },
            ],
          }),
          ci,
        )
        .expect(201);
      const r2 = await api.cutRelease('1.1.0');

      const vsPrevious = await api.get(`/releases/${r2.id}/notes`);
      expect(vsPrevious.status).toBe(200);
      expect(vsPrevious.body).toMatchObject({
        release: { id: r2.id, version: '1.1.0' },
        against: { id: r1.id, version: '1.0.0' },
        pullRequests: ['!7', '#123'],
        tickets: ['PAY-42'],
      });
      const markdown: string = vsPrevious.body.markdown;
      expect(markdown).toContain('# system:default/shop 1.1.0');
      expect(markdown).toContain('Compared with release 1.0.0.');
      expect(markdown).toContain('### component:default/api 1.0.0 → 1.1.0');
      expect(markdown).toContain(
        '- `aaaaaaa` PAY-42: faster refunds (\\#123) (\\#123, PAY-42)',
      );
      expect(markdown).toContain(
        '- `bbbbbbb` Fix \\<script\\> in \\*receipts\\* !7 (!7)',
      );
      expect(markdown).not.toContain('long body');
      expect(markdown).toContain('2 component(s) unchanged.');
      expect(markdown).toMatch(/## Tickets\n\n- PAY-42\n$/);

      // Against the lane: dev runs 1.0.0; production has nothing yet.
      const vsDev = await api.get(`/releases/${r2.id}/notes?against=dev`);
      expect(vsDev.body).toMatchObject({
        environment: 'dev',
        against: { version: '1.0.0' },
      });
      expect(vsDev.body.markdown).toContain(
        'Compared with 1.0.0, the release currently in dev.',
      );
      const vsProduction = await api.get(
        `/releases/${r2.id}/notes?against=production`,
      );
      expect(vsProduction.body.against).toBeUndefined();
      expect(vsProduction.body.markdown).toContain(
        'Nothing was released in production yet',
      );
      expect(vsProduction.body.markdown).toContain(
        '### component:default/web 2.0.0 (added)',
      );

      // The markdown alone when asked for it.
      const raw = await request(server)
        .get(`${base}/releases/${r2.id}/notes?against=${r1.id}`)
        .set('Accept', 'text/markdown');
      expect(raw.headers['content-type']).toMatch(/^text\/markdown/);
      expect(raw.text).toBe(markdown);

      expect(
        (await api.get(`/releases/${r2.id}/notes?against=nowhere`)).body.error
          .message,
      ).toMatch(/^environment: 'nowhere' is not a configured environment/);
      expect(
        (await api.get(`/releases/${r2.id}/notes?against=Bad_Name`)).status,
      ).toBe(400);
      expect((await api.get(`/releases/${r1.id}/notes`)).status).toBe(404);
    });
  });
});
