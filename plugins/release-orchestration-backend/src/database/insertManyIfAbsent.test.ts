import { randomUUID } from 'node:crypto';
import {
  createTestDatabases,
  createTestStores,
} from '../__testUtils__/testStores';
import { NewDeployment } from './deploymentStoreTypes';
import { NewBuild } from './types';

jest.setTimeout(180_000);

function newBuild(version: string, extra: Partial<NewBuild> = {}): NewBuild {
  return {
    id: randomUUID(),
    componentRef: 'component:default/api',
    version,
    artifactUri: `registry.example/api:${version}`,
    artifactDigest: `sha256:${version.replace(/\D/g, '').padEnd(64, 'a')}`,
    commitSha: 'a'.repeat(40),
    commitTime: '2026-11-01T09:00:00.000Z',
    commits: [],
    reportedBy: 'service:ci',
    createdAt: '2026-11-01T10:00:00.000Z',
    source: 'import',
    ...extra,
  };
}

function newDeployment(
  key: string,
  finishedAt: string,
  version: string,
  extra: Partial<NewDeployment> = {},
): NewDeployment {
  return {
    id: randomUUID(),
    idempotencyKey: key,
    systemRef: 'system:default/shop',
    environment: 'production',
    status: 'succeeded',
    rollback: false,
    hotfix: false,
    startedAt: '2026-11-01T08:00:00.000Z',
    finishedAt,
    deployer: 'service:cd',
    createdAt: '2026-11-01T12:00:00.000Z',
    components: [{ componentRef: 'component:default/api', version }],
    source: 'import',
    ...extra,
  };
}

describe('insertManyIfAbsent', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('stores builds as insertIfAbsent would, once per component version, earlier in the list first', async () => {
      const { stores } = await createTestStores(databases, databaseId);
      const stored = newBuild('0.9.0');
      await stores.builds.insertIfAbsent(stored);
      const withCommits = newBuild('1.1.0', {
        commits: [
          {
            sha: 'b'.repeat(40),
            time: '2026-11-01T08:00:00.000Z',
            message: 'Fix',
          },
          {
            sha: 'b'.repeat(40),
            time: '2026-11-01T08:00:00.000Z',
            message: 'Fix',
          },
          { sha: 'c'.repeat(40), time: '2026-11-01T08:30:00.000Z' },
        ],
      });
      const first = newBuild('1.0.0');
      const repeatInList = newBuild('1.0.0', {
        artifactDigest: `sha256:${'f'.repeat(64)}`,
      });
      const repeatOfStored = newBuild('0.9.0', {
        artifactDigest: `sha256:${'e'.repeat(64)}`,
      });
      const answers = await stores.builds.insertManyIfAbsent([
        first,
        withCommits,
        repeatInList,
        repeatOfStored,
      ]);

      expect(answers.map(a => [a.build.version, a.inserted])).toEqual([
        ['1.0.0', true],
        ['1.1.0', true],
        ['1.0.0', false],
        ['0.9.0', false],
      ]);
      // A repeat answers with the build that was kept, digest and all (the caller decides on conflict).
      expect(answers[2].build.id).toBe(first.id);
      expect(answers[2].build.artifactDigest).toBe(first.artifactDigest);
      expect(answers[3].build.id).toBe(stored.id);
      // What is answered is what a later read returns (commits de-duplicated, in time order).
      for (const answer of answers) {
        expect(await stores.builds.get(answer.build.id)).toEqual(answer.build);
      }
      expect(answers[1].build.commits.map(c => c.sha)).toEqual([
        'b'.repeat(40),
        'c'.repeat(40),
      ]);
      expect(await stores.builds.insertManyIfAbsent([])).toEqual([]);
    });

    it('stores deployments once per key and keeps the newest finished one running per lane component', async () => {
      const { knex, stores } = await createTestStores(databases, databaseId);
      const before = newDeployment('k0', '2026-11-01T11:30:00.000Z', '0.9.0');
      await stores.deployments.insertIfAbsent(before);
      const newest = newDeployment('k1', '2026-11-01T11:00:00.000Z', '1.0.0');
      const older = newDeployment('k2', '2026-11-01T09:00:00.000Z', '0.8.0');
      const started = newDeployment('k3', '2026-11-01T13:00:00.000Z', '1.1.0', {
        status: 'started',
        finishedAt: undefined,
      });
      const otherLane = newDeployment(
        'k4',
        '2026-11-01T10:00:00.000Z',
        '0.7.0',
        { environment: 'dev' },
      );
      const repeat = newDeployment('k1', '2026-11-01T11:00:00.000Z', '1.0.0');
      const answers = await stores.deployments.insertManyIfAbsent([
        newest,
        older,
        started,
        otherLane,
        repeat,
      ]);

      expect(
        answers.map(a => [a.deployment.idempotencyKey, a.inserted]),
      ).toEqual([
        ['k1', true],
        ['k2', true],
        ['k3', true],
        ['k4', true],
        ['k1', false],
      ]);
      expect(answers[4].deployment.id).toBe(newest.id);
      for (const answer of answers) {
        expect(await stores.deployments.get(answer.deployment.id)).toEqual(
          answer.deployment,
        );
      }
      // k0 (finished 11:30) stays running in production: k1 and k2 finished before it.
      const running = await knex('running_components')
        .orderBy('environment')
        .select('environment', 'version', 'deployment_id');
      expect(running).toEqual([
        { environment: 'dev', version: '0.7.0', deployment_id: otherLane.id },
        {
          environment: 'production',
          version: '0.9.0',
          deployment_id: before.id,
        },
      ]);

      const later = newDeployment('k5', '2026-11-01T12:00:00.000Z', '1.2.0');
      const evenLater = newDeployment(
        'k6',
        '2026-11-01T12:30:00.000Z',
        '1.3.0',
      );
      const again = await stores.deployments.insertManyIfAbsent([
        later,
        evenLater,
        newDeployment('k0', '2026-11-01T11:30:00.000Z', '0.9.0'),
      ]);
      expect(again.map(a => a.inserted)).toEqual([true, true, false]);
      expect(again[2].deployment).toEqual(
        await stores.deployments.get(before.id),
      );
      expect(
        await knex('running_components')
          .where({ environment: 'production' })
          .select('version'),
      ).toEqual([{ version: '1.3.0' }]);
    });
  });
});
