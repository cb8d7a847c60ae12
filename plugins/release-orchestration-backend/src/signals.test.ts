import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  SignalPayload,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';
import { RELEASE_ORCHESTRATION_SIGNAL_CHANNEL } from '@release-orchestration/plugin-release-orchestration-common';
import { promotionTestEntities } from './__testUtils__/orgFixtures';
import {
  promotionApi,
  promotionTestConfig,
} from './__testUtils__/promotionHarness';
import { startPluginBackend } from './__testUtils__/startPluginBackend';
import { createTestDatabases } from './__testUtils__/testStores';
import { isSignalledAction } from './service/publishSignals';

jest.setTimeout(60_000);

/** Waits until the asynchronous publishing has caught up (it never holds up the response). */
async function until(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i++) {
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

function signalsFactory(publish: (signal: SignalPayload) => Promise<void>) {
  return createServiceFactory({
    service: signalsServiceRef,
    deps: {},
    factory: () => ({ publish: publish as any }),
  });
}

describe('signals for live views', () => {
  it('signals promotion, approval, deployment, evidence, freeze and release changes, not builds or incidents', () => {
    expect(
      [
        'promotion.requested',
        'promotion.approved',
        'approval.recorded',
        'deployment.succeeded',
        'evidence.attached',
        'freeze.created',
        'release.created',
        'release.quarantined',
      ].filter(isSignalledAction),
    ).toHaveLength(8);
    expect(
      ['build.reported', 'incident.reported', 'incident.updated'].filter(
        isSignalledAction,
      ),
    ).toEqual([]);
  });

  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('broadcasts one signal per committed change on release-orchestration:promotions, naming the System', async () => {
      const published: SignalPayload[] = [];
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        config: promotionTestConfig,
        entities: promotionTestEntities(),
        features: [
          signalsFactory(async signal => {
            published.push(signal);
          }),
        ],
      });
      const api = promotionApi(server);
      const release = await api.cutRelease('1.0.0');
      await until(() => published.length >= 1);
      // The builds reported before the release are not signalled.
      expect(published).toEqual([
        {
          recipients: { type: 'broadcast' },
          channel: RELEASE_ORCHESTRATION_SIGNAL_CHANNEL,
          message: {
            actions: ['release.created'],
            systemRefs: ['system:default/shop'],
            subjectIds: [release.id],
          },
        },
      ]);

      const requested = await api.request(release.id, 'dev');
      expect(requested.status).toBe(201);
      await until(() => published.length >= 2);
      await new Promise(resolve => setTimeout(resolve, 100));
      const after = published.slice(1);
      expect(after.length).toBeGreaterThanOrEqual(1);
      expect(after.flatMap(s => (s.message as any).actions)).toContain(
        'promotion.requested',
      );
      expect(after.flatMap(s => (s.message as any).subjectIds)).toContain(
        requested.body.id,
      );
      for (const signal of after) {
        expect(signal.channel).toBe(RELEASE_ORCHESTRATION_SIGNAL_CHANNEL);
        expect((signal.message as any).systemRefs).toEqual([
          'system:default/shop',
        ]);
      }
    });

    it('keeps the change when the signal cannot be published', async () => {
      const publish = jest.fn(async () => {
        throw new Error('the signals backend is down');
      });
      const { server } = await startPluginBackend({
        databases,
        databaseId,
        config: promotionTestConfig,
        entities: promotionTestEntities(),
        features: [signalsFactory(publish)],
      });
      const api = promotionApi(server);
      const release = await api.cutRelease('1.0.0');
      await until(() => publish.mock.calls.length >= 1);
      expect(publish).toHaveBeenCalledTimes(1);
      const read = await api.get(`/releases/${release.id}`);
      expect(read.status).toBe(200);
      expect(read.body.version).toBe('1.0.0');
    });
  });
});
