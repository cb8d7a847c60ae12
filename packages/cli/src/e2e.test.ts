import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import releaseOrchestrationPlugin from '@release-orchestration/plugin-release-orchestration-backend';

jest.setTimeout(120_000);

const bin = path.resolve(__dirname, '../bin/release-orchestration.js');
const token = 'e2e-static-token-for-the-ci-pipeline';

function entity(kind: string, name: string, system?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: { owner: 'group:default/team', ...(system ? { system, type: 'service' } : {}) },
    relations: system ? [{ type: 'partOf', targetRef: `system:default/${system}` }] : [],
  };
}

/** Runs the CLI as a pipeline would: a child process with the URL and token in the environment. */
async function cli(url: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], {
      env: { PATH: process.env.PATH, RELEASE_ORCHESTRATION_URL: url, RELEASE_ORCHESTRATION_TOKEN: token, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error: any) {
    return { code: error.code as number, stdout: error.stdout as string, stderr: error.stderr as string };
  }
}

describe('the CLI against a running backend', () => {
  it('reports builds, attaches evidence, promotes, waits and reports the deployment, with a static token', async () => {
    const { server } = await startTestBackend({
      features: [
        releaseOrchestrationPlugin,
        authServiceFactory,
        httpAuthServiceFactory,
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
              auth: { externalAccess: [{ type: 'static', options: { token, subject: 'ci-pipeline' } }] },
            },
            releaseOrchestration: {
              environments: [
                { name: 'dev' },
                { name: 'production', approvers: ['group:default/release-managers'] },
              ],
            },
          },
        }),
      ],
    });
    const url = `http://localhost:${server.port()}`;

    for (const component of ['api', 'web']) {
      const build = await cli(url, [
        'report-build', '--component', `component:default/${component}`, '--version', '1.0.0',
        '--artifact-uri', `registry.acme.example/shop/${component}:1.0.0`, '--artifact-digest', `sha256:${'c'.repeat(64)}`,
        '--commit-sha', 'abcdef1', '--commit-time', '2026-11-20T09:00:00Z',
      ]);
      expect(build).toMatchObject({ code: 0, stdout: expect.stringContaining(`Build 1.0.0 of component:default/${component} recorded`) });
    }
    const cut = await fetch(`${url}/api/release-orchestration/releases`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ system: 'system:default/shop', version: '2026.11.20-1' }),
    });
    expect(cut.status).toBe(201);
    const release = await cut.json();

    const evidence = await cli(url, ['attach-evidence', release.id, '--type', 'unit-tests', '--status', 'pass', '--url', 'https://ci.acme.example/runs/1', '--summary', '212 passed']);
    expect(evidence).toMatchObject({ code: 0, stdout: expect.stringContaining(`Evidence unit-tests (pass) attached to release ${release.id}`) });

    const promoted = await cli(url, ['promote', release.id, '--environment', 'dev', '--justification', 'nightly', '--json']);
    expect(promoted.code).toBe(0);
    const promotion = JSON.parse(promoted.stdout);
    expect(promotion).toMatchObject({ releaseId: release.id, environment: 'dev', state: 'approved', requestedBy: 'service:ci-pipeline' });
    expect(await cli(url, ['wait', promotion.id, '--interval', '200ms'])).toMatchObject({ code: 0, stdout: `Promotion ${promotion.id} is approved\n` });

    const report = (status: string) =>
      cli(url, ['report-deployment', '--environment', 'dev', '--promotion-id', promotion.id, '--status', status, '--idempotency-key', 'e2e-run-1']);
    expect(await report('started')).toMatchObject({ code: 0, stdout: expect.stringContaining('Deployment of release 2026.11.20-1 to dev: started (recorded') });
    expect(await report('succeeded')).toMatchObject({ code: 0, stdout: expect.stringContaining('to dev: succeeded (already known') });
    expect((await cli(url, ['wait', promotion.id, '--until', 'succeeded'])).code).toBe(0);

    const lanes = await (await fetch(`${url}/api/release-orchestration/systems/default/shop/environments`, { headers: { Authorization: `Bearer ${token}` } })).json();
    expect(lanes.environments[0]).toMatchObject({ environment: 'dev', currentRelease: { id: release.id }, drift: { state: 'in_sync' } });

    const unknownLane = await cli(url, ['report-deployment', '--environment', 'qa', '--release-id', release.id, '--status', 'succeeded', '--idempotency-key', 'e2e-run-2']);
    expect(unknownLane.code).toBe(3);
    expect(unknownLane.stderr).toContain("environment: 'qa' is not a configured environment; the lanes are dev, production");

    const pending = await cli(url, ['promote', release.id, '--environment', 'production', '--json']);
    expect({ code: pending.code, stderr: pending.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(pending.stdout).state).toBe('pending_approval');
    const timedOut = await cli(url, ['wait', JSON.parse(pending.stdout).id, '--timeout', '1s', '--interval', '300ms']);
    expect(timedOut.code).toBe(14);
    expect(timedOut.stderr).toContain('is still pending_approval');

    const wrongToken = await cli(url, ['wait', promotion.id], { RELEASE_ORCHESTRATION_TOKEN: 'not-the-token' });
    expect(wrongToken.code).toBe(4);
    expect(wrongToken.stderr).toContain('401 Unauthorized');

    await server.stop();
    const down = await cli(url, ['wait', promotion.id, '--retries', '1', '--retry-delay', '50ms']);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('failed after 2 attempt(s)');
  });
});
