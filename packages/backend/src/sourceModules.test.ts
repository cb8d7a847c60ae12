import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import releaseOrchestrationPlugin from '@release-orchestration/plugin-release-orchestration-backend';
import githubModule from '@release-orchestration/plugin-release-orchestration-backend-module-github';
import gitlabModule from '@release-orchestration/plugin-release-orchestration-backend-module-gitlab';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';

jest.setTimeout(60_000);

/** The demo portal's configuration: no integrations tokens, no source sections. */
const appConfig = parse(
  fs.readFileSync(path.resolve(__dirname, '../../../app-config.yaml'), 'utf8'),
);

async function start(sources: object) {
  let scheduler: SchedulerService | undefined;
  const grabScheduler = createBackendModule({
    pluginId: 'release-orchestration',
    moduleId: 'test-scheduler',
    register(env) {
      env.registerInit({
        deps: { scheduler: coreServices.scheduler },
        async init(deps) {
          scheduler = deps.scheduler;
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      releaseOrchestrationPlugin,
      githubModule,
      gitlabModule,
      grabScheduler,
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({
        data: {
          releaseOrchestration: {
            ...appConfig.releaseOrchestration,
            ...sources,
          },
          releaseOrchestrationAccess: appConfig.releaseOrchestrationAccess,
        },
      }),
    ],
  });
  const tasks = (await scheduler!.getScheduledTasks()).map(t => t.id);
  return { backend, tasks };
}

describe('the GitHub and GitLab source modules in the demo backend', () => {
  it('are scheduled once their section is configured', async () => {
    const { backend, tasks } = await start({
      github: { backfillDays: 30 },
      gitlab: { enabled: true },
    });
    await backend.stop();
    expect(tasks).toEqual(
      expect.arrayContaining([
        'release-orchestration-deployment-source-github',
        'release-orchestration-deployment-source-gitlab',
      ]),
    );
  });

  it('start idle without their configuration: the plugin answers and no source task is scheduled', async () => {
    const { backend, tasks } = await start({});
    try {
      expect(appConfig.releaseOrchestration.github).toBeUndefined();
      expect(appConfig.releaseOrchestration.gitlab).toBeUndefined();
      const answer = await request(backend.server).get(
        '/api/release-orchestration/environments',
      );
      expect(answer.status).toBe(200);
      expect(tasks).not.toContain(
        'release-orchestration-deployment-source-github',
      );
      expect(tasks).not.toContain(
        'release-orchestration-deployment-source-gitlab',
      );
    } finally {
      await backend.stop();
    }
  });
});
