import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import releaseOrchestrationPlugin from '@release-orchestration/plugin-release-orchestration-backend';
import type { Knex } from 'knex';

/** The CLI's entry point, run as a pipeline would run it. */
export const bin = path.resolve(
  __dirname,
  '../../bin/release-orchestration.js',
);
/** The CLI package folder: what `npx` runs in the action and template tests. */
export const cliPackage = path.resolve(__dirname, '../..');
export const token = 'e2e-static-token-for-the-ci-pipeline';

/** The databases the end-to-end tests run on; PostgreSQL when its connection string is set. */
export function createTestDatabases() {
  return TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
}

function entity(kind: string, name: string, system?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: {
      owner: 'group:default/team',
      ...(system ? { system, type: 'service' } : {}),
    },
    relations: system
      ? [{ type: 'partOf', targetRef: `system:default/${system}` }]
      : [],
  };
}

/**
 * The backend plugin on a real port and database, with Backstage's real auth services and a static
 * token for CI; lanes dev (no approval) and production (release managers approve).
 */
export async function startBackend(knex: Knex) {
  const { server } = await startTestBackend({
    features: [
      releaseOrchestrationPlugin,
      authServiceFactory,
      httpAuthServiceFactory,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({
        entities: [
          entity('System', 'shop'),
          entity('Component', 'api', 'shop'),
          entity('Component', 'web', 'shop'),
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Group',
            metadata: { name: 'release-managers', namespace: 'default' },
            spec: { type: 'team', children: [] },
            relations: [{ type: 'hasMember', targetRef: 'user:default/rita' }],
          },
        ],
      }),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            auth: {
              externalAccess: [
                { type: 'static', options: { token, subject: 'ci-pipeline' } },
              ],
            },
          },
          releaseOrchestration: {
            environments: [
              { name: 'dev' },
              {
                name: 'production',
                approvers: ['group:default/release-managers'],
              },
            ],
          },
        },
      }),
    ],
  });
  return { server, url: `http://localhost:${server.port()}` };
}

/** Runs the CLI as a child process with the URL and token in the environment. */
export async function cli(
  url: string,
  args: string[],
  env: Record<string, string> = {},
) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [bin, ...args],
      {
        env: {
          PATH: process.env.PATH,
          RELEASE_ORCHESTRATION_URL: url,
          RELEASE_ORCHESTRATION_TOKEN: token,
          ...env,
        },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error: any) {
    return {
      code: error.code as number,
      stdout: error.stdout as string,
      stderr: error.stderr as string,
    };
  }
}
