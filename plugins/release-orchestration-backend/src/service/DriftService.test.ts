import { createDeploymentHarness } from '../__testUtils__/deploymentHarness';
import { createTestDatabases } from '../__testUtils__/testStores';

jest.setTimeout(60_000);

const api = 'component:default/api';
const web = 'component:default/web';
const worker = 'component:default/worker';

describe('DriftService', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('says unknown where nothing succeeded, and shows the newest deployment of any status', async () => {
      const h = await createDeploymentHarness(databases, databaseId);
      const before = await h.drift.systemEnvironments('system:default/shop');
      expect(
        before.environments.map(e => [
          e.environment,
          e.drift.state,
          e.currentRelease,
          e.knownGoodRelease,
        ]),
      ).toEqual([
        ['dev', 'unknown', undefined, undefined],
        ['staging', 'unknown', undefined, undefined],
        ['production', 'unknown', undefined, undefined],
      ]);
      expect(before.environments[1].incoming).toEqual({
        fromEnvironment: 'dev',
        changes: [],
      });
      expect(before.environments[0].incoming).toBeUndefined();

      const r1 = await h.release('r1', { api: '1.0.0', web: '1.0.0' });
      await h.deploy({ releaseId: r1.id, status: 'failed' });
      const dev = await h.lane('dev');
      expect(dev.drift).toEqual({ state: 'unknown', components: [] });
      expect(dev.running).toEqual([]);
      expect(dev.lastDeployment).toMatchObject({
        status: 'failed',
        releaseId: r1.id,
        releaseVersion: 'r1',
      });
    });

    it('tracks the current release per lane, in sync, and what promoting the previous lane would change', async () => {
      const h = await createDeploymentHarness(databases, databaseId);
      const r1 = await h.release('r1', { api: '1.0.0', web: '1.0.0' });
      const r2 = await h.release('r2', { api: '1.1.0', web: '1.0.0' });
      await h.deploy({ releaseId: r1.id, environment: 'dev' });
      await h.deploy({ releaseId: r1.id, environment: 'staging' });
      const { deployment: d2 } = await h.deploy({
        releaseId: r2.id,
        environment: 'dev',
      });

      const { environments } = await h.drift.systemEnvironments(
        'system:default/shop',
      );
      const [dev, staging, production] = environments;
      expect(dev.currentRelease).toEqual({
        id: r2.id,
        version: 'r2',
        deploymentId: d2.id,
        deployedAt: d2.finishedAt,
        deployer: d2.deployer,
        rollback: false,
      });
      expect(dev.drift).toEqual({ state: 'in_sync', components: [] });
      expect(dev.running.map(r => `${r.componentRef}@${r.version}`)).toEqual([
        `${api}@1.1.0`,
        `${web}@1.0.0`,
      ]);
      expect(staging.currentRelease?.version).toBe('r1');
      expect(staging.drift.state).toBe('in_sync');
      expect(staging.incoming).toEqual({
        fromEnvironment: 'dev',
        release: { id: r2.id, version: 'r2' },
        changes: [
          {
            componentRef: api,
            change: 'changed',
            fromVersion: '1.0.0',
            toVersion: '1.1.0',
          },
          {
            componentRef: web,
            change: 'unchanged',
            fromVersion: '1.0.0',
            toVersion: '1.0.0',
          },
        ],
      });
      expect(production.drift.state).toBe('unknown');
      expect(production.incoming).toEqual({
        fromEnvironment: 'staging',
        release: { id: r1.id, version: 'r1' },
        changes: [
          { componentRef: api, change: 'added', toVersion: '1.0.0' },
          { componentRef: web, change: 'added', toVersion: '1.0.0' },
        ],
      });
    });

    it('does not call a release known-good while an incident against it is open in that lane', async () => {
      const h = await createDeploymentHarness(databases, databaseId);
      const r1 = await h.release('r1', { api: '1.0.0', web: '1.0.0' });
      const r2 = await h.release('r2', { api: '1.1.0', web: '1.0.0' });
      await h.deploy({ releaseId: r1.id, environment: 'production' });
      await h.deploy({ releaseId: r2.id, environment: 'production' });
      expect((await h.lane('production')).knownGoodRelease?.version).toBe('r2');

      await h.stores.incidents.insertIfAbsent({
        id: 'inc-1',
        source: 'test',
        externalId: 'INC-1',
        systemRef: 'system:default/shop',
        environment: 'production',
        title: 'Errors after r2',
        openedAt: '2026-11-05T00:00:00.000Z',
        releaseId: r2.id,
        attribution: 'explicit',
        reportedBy: 'service:test',
        createdAt: '2026-11-05T00:00:00.000Z',
      });
      const during = await h.lane('production');
      expect(during.currentRelease?.version).toBe('r2');
      expect(during.knownGoodRelease?.version).toBe('r1');
      await h.stores.incidents.update('inc-1', {
        resolvedAt: '2026-11-05T01:00:00.000Z',
        updatedAt: '2026-11-05T01:00:00.000Z',
      });
      expect((await h.lane('production')).knownGoodRelease?.version).toBe('r2');
    });

    it('keeps the last good release after failed deployments, including a started one that failed', async () => {
      const h = await createDeploymentHarness(databases, databaseId);
      const r1 = await h.release('r1', { api: '1.0.0', web: '1.0.0' });
      const r2 = await h.release('r2', { api: '1.1.0', web: '1.1.0' });
      await h.deploy({ releaseId: r1.id, environment: 'staging' });
      await h.deploy({
        releaseId: r2.id,
        environment: 'staging',
        status: 'failed',
      });
      const started = await h.deployments.report(
        {
          idempotencyKey: 'roll-r2',
          environment: 'staging',
          releaseId: r2.id,
          status: 'started',
          rollback: false,
          hotfix: false,
          startedAt: '2026-11-03T00:00:00.000Z',
        },
        'service:cd',
      );
      expect((await h.lane('staging')).lastDeployment).toMatchObject({
        id: started.deployment.id,
        status: 'started',
      });
      await h.deployments.report(
        {
          idempotencyKey: 'roll-r2',
          environment: 'staging',
          releaseId: r2.id,
          status: 'failed',
          rollback: false,
          hotfix: false,
          finishedAt: '2026-11-03T00:10:00.000Z',
        },
        'service:cd',
      );
      const staging = await h.lane('staging');
      expect(staging.currentRelease?.version).toBe('r1');
      expect(staging.knownGoodRelease?.version).toBe('r1');
      expect(staging.drift.state).toBe('in_sync');
      expect(staging.running.map(r => r.version)).toEqual(['1.0.0', '1.0.0']);
      expect(staging.lastDeployment).toMatchObject({
        id: started.deployment.id,
        status: 'failed',
      });
    });

    it('reports drift from partial deployments and single-component deployments, dated by the deployment that caused it', async () => {
      const h = await createDeploymentHarness(databases, databaseId);
      const r1 = await h.release('r1', { api: '1.0.0', web: '1.0.0' });
      const r2 = await h.release('r2', { api: '1.1.0', web: '1.1.0' });
      await h.deploy({ releaseId: r1.id, environment: 'staging' });
      // Only api of r2 is rolled out: r2 becomes the expected manifest, web still runs r1's version.
      const { deployment: partial } = await h.deploy({
        releaseId: r2.id,
        component: api,
        environment: 'staging',
      });
      expect(partial.components).toEqual([
        { componentRef: api, version: '1.1.0' },
      ]);
      let staging = await h.lane('staging');
      expect(staging.currentRelease).toMatchObject({
        version: 'r2',
        deploymentId: partial.id,
      });
      expect(staging.knownGoodRelease?.version).toBe('r1');
      expect(staging.drift).toEqual({
        state: 'drifted',
        components: [
          {
            componentRef: web,
            reason: 'version-differs',
            expectedVersion: '1.1.0',
            runningVersion: '1.0.0',
            since: partial.finishedAt,
            sinceDeploymentId: partial.id,
          },
        ],
      });

      // Someone deploys api by hand, outside any release.
      const { deployment: manual } = await h.deploy({
        component: api,
        version: '1.1.1-hotfix',
        environment: 'staging',
        hotfix: true,
      });
      expect(manual.systemRef).toBe('system:default/shop');
      staging = await h.lane('staging');
      expect(staging.drift.components).toEqual([
        {
          componentRef: api,
          reason: 'version-differs',
          expectedVersion: '1.1.0',
          runningVersion: '1.1.1-hotfix',
          since: manual.finishedAt,
          sinceDeploymentId: manual.id,
        },
        expect.objectContaining({
          componentRef: web,
          reason: 'version-differs',
        }),
      ]);

      // The rest of r2 arrives: web in sync, api still differs.
      await h.deploy({
        releaseId: r2.id,
        component: web,
        environment: 'staging',
      });
      staging = await h.lane('staging');
      expect(
        staging.drift.components.map(c => [c.componentRef, c.reason]),
      ).toEqual([[api, 'version-differs']]);
      // Partial deployments of a release never make it known-good; a whole one does.
      expect(staging.knownGoodRelease?.version).toBe('r1');
      await h.deploy({ releaseId: r2.id, environment: 'staging' });
      staging = await h.lane('staging');
      expect(staging.drift.state).toBe('in_sync');
      expect(staging.knownGoodRelease?.version).toBe('r2');
    });

    it('treats rollbacks as deployments of the earlier release and skips rolled-back releases for known-good', async () => {
      const h = await createDeploymentHarness(databases, databaseId);
      const r1 = await h.release('r1', { api: '1.0.0', web: '1.0.0' });
      const r2 = await h.release('r2', { api: '2.0.0', web: '1.0.0' });
      await h.deploy({ releaseId: r1.id, environment: 'production' });
      await h.deploy({ releaseId: r2.id, environment: 'production' });
      expect((await h.lane('production')).knownGoodRelease?.version).toBe('r2');
      const { deployment: rollback } = await h.deploy({
        releaseId: r1.id,
        environment: 'production',
        rollback: true,
      });
      let production = await h.lane('production');
      expect(production.currentRelease).toEqual({
        id: r1.id,
        version: 'r1',
        deploymentId: rollback.id,
        deployedAt: rollback.finishedAt,
        deployer: rollback.deployer,
        rollback: true,
      });
      expect(production.knownGoodRelease?.version).toBe('r1');
      expect(production.drift.state).toBe('in_sync');
      expect(production.running.map(r => r.version)).toEqual([
        '1.0.0',
        '1.0.0',
      ]);

      // A component-level rollback of api drifts from the expected release.
      await h.deploy({ releaseId: r2.id, environment: 'production' });
      production = await h.lane('production');
      expect(production.knownGoodRelease?.version).toBe('r2');
      await h.deploy({
        component: api,
        version: '1.0.0',
        environment: 'production',
        rollback: true,
      });
      production = await h.lane('production');
      expect(production.drift.components).toEqual([
        expect.objectContaining({
          componentRef: api,
          reason: 'version-differs',
          expectedVersion: '2.0.0',
          runningVersion: '1.0.0',
        }),
      ]);
    });

    it('follows components joining and leaving the System between releases', async () => {
      const h = await createDeploymentHarness(databases, databaseId);
      const r1 = await h.release('r1', { api: '1.0.0', web: '1.0.0' });
      h.catalog.systems.set('system:default/shop', [api, web, worker]);
      const r2 = await h.release('r2', {
        api: '1.0.0',
        web: '1.0.0',
        worker: '0.1.0',
      });
      await h.deploy({ releaseId: r1.id });
      let dev = await h.lane('dev');
      expect(dev.drift.state).toBe('in_sync');

      // worker is deployed on its own before any release of it reaches dev.
      const { deployment: early } = await h.deploy({
        component: worker,
        version: '0.1.0',
      });
      dev = await h.lane('dev');
      expect(dev.drift.components).toEqual([
        {
          componentRef: worker,
          reason: 'not-in-release',
          runningVersion: '0.1.0',
          since: early.finishedAt,
          sinceDeploymentId: early.id,
        },
      ]);
      await h.deploy({ releaseId: r2.id });
      expect((await h.lane('dev')).drift.state).toBe('in_sync');

      // web leaves the System; the next whole release replaces the set of components.
      h.catalog.systems.set('system:default/shop', [api, worker]);
      const r3 = await h.release('r3', { api: '1.1.0', worker: '0.1.0' });
      await h.deploy({ releaseId: r3.id });
      dev = await h.lane('dev');
      expect(dev.running.map(r => r.componentRef)).toEqual([api, worker]);
      expect(dev.drift.state).toBe('in_sync');

      // web comes back in r4, but only api of r4 was rolled out: web was never deployed since.
      h.catalog.systems.set('system:default/shop', [api, web, worker]);
      const r4 = await h.release('r4', {
        api: '1.2.0',
        web: '2.0.0',
        worker: '0.1.0',
      });
      const { deployment: partial } = await h.deploy({
        releaseId: r4.id,
        component: api,
      });
      dev = await h.lane('dev');
      expect(dev.drift.components).toEqual([
        {
          componentRef: web,
          reason: 'not-deployed',
          expectedVersion: '2.0.0',
          since: partial.finishedAt,
          sinceDeploymentId: partial.id,
        },
      ]);
      expect(dev.knownGoodRelease?.version).toBe('r3');
    });

    it('reads every lane with the same small number of queries whatever the number of components', async () => {
      const h = await createDeploymentHarness(databases, databaseId);
      const many = Object.fromEntries(
        Array.from({ length: 30 }, (_, i) => [`svc${i}`, '1.0.0']),
      );
      h.catalog.systems.set(
        'system:default/shop',
        Object.keys(many).map(n => `component:default/${n}`),
      );
      const big = await h.release('big', many);
      const small = await h.release('small', { svc0: '1.0.0' });
      for (const lane of ['dev', 'staging', 'production']) {
        await h.deploy({ releaseId: big.id, environment: lane });
      }
      for (const name of Object.keys(many).slice(0, 10)) {
        await h.deploy({
          component: `component:default/${name}`,
          version: '1.0.1',
          environment: 'dev',
        });
      }
      const count = async () => {
        let queries = 0;
        const listener = () => {
          queries += 1;
        };
        h.knex.on('query', listener);
        const result = await h.drift.systemEnvironments('system:default/shop');
        h.knex.off('query', listener);
        return { queries, result };
      };
      const wide = await count();
      expect(wide.result.environments[0].drift.components).toHaveLength(10);
      await h.deploy({ releaseId: small.id, environment: 'production' });
      const narrow = await count();
      expect(narrow.queries).toBe(wide.queries);
      expect(wide.queries).toBeLessThanOrEqual(7);
    });
  });
});
