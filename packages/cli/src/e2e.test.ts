import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  cli,
  createTestDatabases,
  startBackend,
  token,
} from './__testUtils__/testBackend';

jest.setTimeout(900_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'the CLI against a running backend on %p',
  databaseId => {
    it('reports builds, attaches evidence, promotes, waits and reports the deployment, with a static token', async () => {
      const { server, url } = await startBackend(
        await databases.init(databaseId),
      );

      for (const component of ['api', 'web']) {
        const build = await cli(url, [
          'report-build',
          '--component',
          `component:default/${component}`,
          '--version',
          '1.0.0',
          '--artifact-uri',
          `registry.acme.example/shop/${component}:1.0.0`,
          '--artifact-digest',
          `sha256:${'c'.repeat(64)}`,
          '--commit-sha',
          'abcdef1',
          '--commit-time',
          '2026-11-20T09:00:00Z',
        ]);
        expect(build).toMatchObject({
          code: 0,
          stdout: expect.stringContaining(
            `Build 1.0.0 of component:default/${component} recorded`,
          ),
        });
      }
      const cut = await fetch(`${url}/api/release-orchestration/releases`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
          system: 'system:default/shop',
          version: '2026.11.20-1',
        }),
      });
      expect(cut.status).toBe(201);
      const release = await cut.json();

      const evidence = await cli(url, [
        'attach-evidence',
        release.id,
        '--type',
        'unit-tests',
        '--status',
        'pass',
        '--url',
        'https://ci.acme.example/runs/1',
        '--summary',
        '212 passed',
      ]);
      expect(evidence).toMatchObject({
        code: 0,
        stdout: expect.stringContaining(
          `Evidence unit-tests (pass) attached to release ${release.id}`,
        ),
      });

      // A step run twice with one Idempotency-Key (a pipeline retry after a lost answer): one
      // evidence record, the same answer both times.
      const scan = [
        'attach-evidence',
        release.id,
        '--type',
        'security-scan',
        '--status',
        'pass',
        '--url',
        'https://scan.acme.example/1',
        '--summary',
        'clean',
        '--idempotency-key',
        'e2e-scan-1',
        '--json',
      ];
      const [scan1, scan2] = [await cli(url, scan), await cli(url, scan)];
      expect([scan1.code, scan2.code]).toEqual([0, 0]);
      expect(JSON.parse(scan2.stdout)).toEqual(JSON.parse(scan1.stdout));
      const stored = await (
        await fetch(`${url}/api/release-orchestration/releases/${release.id}`, {
          headers: { Authorization: `Bearer ${token}` },
        })
      ).json();
      expect(
        stored.evidence.filter(
          (e: { type: string }) => e.type === 'security-scan',
        ),
      ).toHaveLength(1);

      const promoted = await cli(url, [
        'promote',
        release.id,
        '--environment',
        'dev',
        '--justification',
        'nightly',
        '--json',
      ]);
      expect(promoted.code).toBe(0);
      const promotion = JSON.parse(promoted.stdout);
      expect(promotion).toMatchObject({
        releaseId: release.id,
        environment: 'dev',
        state: 'approved',
        requestedBy: 'service:ci-pipeline',
      });
      expect(
        await cli(url, ['wait', promotion.id, '--interval', '200ms']),
      ).toMatchObject({
        code: 0,
        stdout: `Promotion ${promotion.id} is approved\n`,
      });

      const report = (status: string) =>
        cli(url, [
          'report-deployment',
          '--environment',
          'dev',
          '--promotion-id',
          promotion.id,
          '--status',
          status,
          '--idempotency-key',
          'e2e-run-1',
        ]);
      expect(await report('started')).toMatchObject({
        code: 0,
        stdout: expect.stringContaining(
          'Deployment of release 2026.11.20-1 to dev: started (recorded',
        ),
      });
      expect(await report('succeeded')).toMatchObject({
        code: 0,
        stdout: expect.stringContaining('to dev: succeeded (already known'),
      });
      expect(
        (await cli(url, ['wait', promotion.id, '--until', 'succeeded'])).code,
      ).toBe(0);

      const lanes = await (
        await fetch(
          `${url}/api/release-orchestration/systems/default/shop/environments`,
          { headers: { Authorization: `Bearer ${token}` } },
        )
      ).json();
      expect(lanes.environments[0]).toMatchObject({
        environment: 'dev',
        currentRelease: { id: release.id },
        drift: { state: 'in_sync' },
      });

      const unknownLane = await cli(url, [
        'report-deployment',
        '--environment',
        'qa',
        '--release-id',
        release.id,
        '--status',
        'succeeded',
        '--idempotency-key',
        'e2e-run-2',
      ]);
      expect(unknownLane.code).toBe(3);
      expect(unknownLane.stderr).toContain(
        "environment: 'qa' is not a configured environment; the lanes are dev, production",
      );

      const pending = await cli(url, [
        'promote',
        release.id,
        '--environment',
        'production',
        '--json',
      ]);
      expect({ code: pending.code, stderr: pending.stderr }).toEqual({
        code: 0,
        stderr: '',
      });
      expect(JSON.parse(pending.stdout).state).toBe('pending_approval');
      const timedOut = await cli(url, [
        'wait',
        JSON.parse(pending.stdout).id,
        '--timeout',
        '1s',
        '--interval',
        '300ms',
      ]);
      expect(timedOut.code).toBe(14);
      expect(timedOut.stderr).toContain('is still pending_approval');

      const wrongToken = await cli(url, ['wait', promotion.id], {
        RELEASE_ORCHESTRATION_TOKEN: 'not-the-token',
      });
      expect(wrongToken.code).toBe(4);
      expect(wrongToken.stderr).toContain('401 Unauthorized');

      await server.stop();
      const down = await cli(url, [
        'wait',
        promotion.id,
        '--retries',
        '1',
        '--retry-delay',
        '50ms',
      ]);
      expect(down.code).toBe(1);
      expect(down.stderr).toContain('failed after 2 attempt(s)');
    });

    it('cuts releases, shows status and drift, diffs a lane with commits, and rolls back through the policy', async () => {
      const { server, url } = await startBackend(
        await databases.init(databaseId),
      );
      const dir = await mkdtemp(path.join(os.tmpdir(), 'ro-e2e-'));
      const build = async (
        component: string,
        version: string,
        commits: object[],
      ) => {
        const file = path.join(dir, `${component}-${version}.json`);
        await writeFile(file, JSON.stringify(commits));
        return cli(url, [
          'report-build',
          '--component',
          `component:default/${component}`,
          '--version',
          version,
          '--artifact-uri',
          `registry.acme.example/shop/${component}:${version}`,
          '--artifact-digest',
          `sha256:${'d'.repeat(64)}`,
          '--commit-sha',
          'abcdef1',
          '--commit-time',
          '2026-12-01T09:00:00Z',
          '--commits-file',
          file,
        ]);
      };
      const json = (result: { stdout: string }) => JSON.parse(result.stdout);
      const deploy = async (
        releaseId: string,
        environment: string,
        key: string,
      ) => {
        const promotion = json(
          await cli(url, [
            'promote',
            releaseId,
            '--environment',
            environment,
            '--json',
          ]),
        );
        for (const status of ['started', 'succeeded']) {
          expect(
            (
              await cli(url, [
                'report-deployment',
                '--environment',
                environment,
                '--promotion-id',
                promotion.id,
                '--status',
                status,
                '--idempotency-key',
                key,
              ])
            ).code,
          ).toBe(0);
        }
        return promotion;
      };
      expect(
        (
          await build('api', '1.0.0', [
            {
              sha: 'a1a1a1a',
              time: '2026-12-01T08:00:00Z',
              message: 'Start the API',
            },
          ])
        ).code,
      ).toBe(0);
      expect(
        (
          await build('web', '1.0.0', [
            {
              sha: 'b1b1b1b',
              time: '2026-12-01T08:00:00Z',
              message: 'Start the web',
            },
          ])
        ).code,
      ).toBe(0);

      // --dry-run sends nothing: the release can be cut afterwards under the same name.
      const dry = await cli(url, [
        'cut-release',
        '--system',
        'shop',
        '--version',
        'r1',
        '--dry-run',
        '--json',
      ]);
      expect(dry.code).toBe(0);
      expect(json(dry)).toEqual({
        dryRun: true,
        request: {
          method: 'POST',
          path: '/releases',
          body: { system: 'system:default/shop', version: 'r1' },
        },
      });
      const r1 = await cli(url, [
        'cut-release',
        '--system',
        'system:default/shop',
        '--version',
        'r1',
        '--component',
        'component:default/api@1.0.0',
        '--component',
        'web@1.0.0',
        '--notes',
        'first',
      ]);
      expect(r1).toMatchObject({
        code: 0,
        stdout: expect.stringMatching(
          /^Release r1 of system:default\/shop cut with component:default\/api@1\.0\.0, component:default\/web@1\.0\.0 \(id [0-9a-f-]{36}\)\n$/,
        ),
      });
      const r1Id = /\(id ([0-9a-f-]{36})\)/.exec(r1.stdout)![1];
      const again = await cli(url, [
        'cut-release',
        '--system',
        'shop',
        '--version',
        'r1',
      ]);
      expect(again.code).toBe(3);
      expect(again.stderr).toContain(
        '409 Conflict: version: system:default/shop already has a release named r1',
      );

      expect(
        (await cli(url, ['status', '--system', 'shop', '--environment', 'dev']))
          .code,
      ).toBe(16);
      await deploy(r1Id, 'dev', 'e2e-r1-dev');
      const inSync = await cli(url, [
        'status',
        '--system',
        'shop',
        '--environment',
        'dev',
      ]);
      expect(inSync).toMatchObject({
        code: 0,
        stdout: expect.stringContaining('Dev (dev): in sync\n  current:    r1'),
      });

      expect(
        (
          await build('api', '1.1.0', [
            {
              sha: 'a2a2a2a',
              time: '2026-12-02T08:00:00Z',
              message: 'Refunds',
            },
            {
              sha: 'a3a3a3a',
              time: '2026-12-02T09:00:00Z',
              message: 'Fix rounding | in totals',
            },
          ])
        ).code,
      ).toBe(0);
      const r2 = json(
        await cli(url, [
          'cut-release',
          '--system',
          'shop',
          '--version',
          'r2',
          '--changed-since',
          'dev',
          '--json',
        ]),
      );
      expect(
        r2.components.map((c: any) => `${c.componentRef}@${c.version}`),
      ).toEqual(['component:default/api@1.1.0', 'component:default/web@1.0.0']);

      const markdown = await cli(url, [
        'diff',
        r2.id,
        '--environment',
        'dev',
        '--format',
        'markdown',
      ]);
      expect(markdown.code).toBe(0);
      expect(markdown.stdout).toContain(
        '### Release r2 against dev (release r1)',
      );
      expect(markdown.stdout).toContain(
        '| component:default/api | 1.0.0 -> 1.1.0 | 2 |',
      );
      expect(markdown.stdout).toContain(
        '- `a3a3a3a` Fix rounding \\| in totals (1.1.0, 2026-12-02T09:00:00.000Z)',
      );
      expect(markdown.stdout).toContain('1 component(s) unchanged.');
      const text = await cli(url, [
        'diff',
        r2.id,
        '--environment',
        'production',
      ]);
      expect(text.stdout).toContain(
        'Release r2 against production (nothing released yet): 2 component(s) change',
      );
      expect(json(await cli(url, ['diff', r2.id, '--json'])).against).toEqual({
        id: r1Id,
        version: 'r1',
      });
      const badLane = await cli(url, ['diff', r2.id, '--environment', 'qa']);
      expect(badLane.code).toBe(3);
      expect(badLane.stderr).toContain(
        "environment: 'qa' is not a configured environment; the lanes are dev, production",
      );

      await deploy(r2.id, 'dev', 'e2e-r2-dev');
      const nothing = await cli(url, [
        'cut-release',
        '--system',
        'shop',
        '--version',
        'r3',
        '--changed-since',
        'dev',
      ]);
      expect(nothing).toMatchObject({
        code: 0,
        stdout:
          'Nothing to release: no component of system:default/shop has a build newer than what dev runs (release r2)\n',
      });

      // Drift: something other than the release runs in dev.
      expect(
        (
          await cli(url, [
            'report-deployment',
            '--environment',
            'dev',
            '--component',
            'component:default/api',
            '--version',
            '1.0.0',
            '--status',
            'succeeded',
            '--idempotency-key',
            'e2e-hotfix',
          ])
        ).code,
      ).toBe(0);
      const drifted = await cli(url, ['status', '--system', 'shop', '--json']);
      expect(drifted.code).toBe(15);
      expect(json(drifted)).toMatchObject({
        inSync: false,
        environments: [
          {
            environment: 'dev',
            drift: {
              state: 'drifted',
              components: [
                {
                  componentRef: 'component:default/api',
                  reason: 'version-differs',
                  runningVersion: '1.0.0',
                  expectedVersion: '1.1.0',
                },
              ],
            },
          },
          { environment: 'production' },
        ],
      });
      expect((await cli(url, ['status', '--system', 'shop'])).stdout).toContain(
        '  drift: component:default/api runs 1.0.0, release has 1.1.0',
      );

      const dryRollback = await cli(url, [
        'rollback',
        '--system',
        'shop',
        '--environment',
        'dev',
        '--to-release',
        r1Id,
        '--dry-run',
      ]);
      expect(dryRollback).toMatchObject({
        code: 0,
        stdout: expect.stringContaining(
          `Dry run: would roll system:default/shop back in dev from r2 to release ${r1Id}; the request would be approved`,
        ),
      });
      const rolled = await cli(url, [
        'rollback',
        '--system',
        'shop',
        '--environment',
        'dev',
        '--justification',
        'checkout errors',
        '--json',
      ]);
      expect(rolled.code).toBe(0);
      const rollbackPromotion = json(rolled);
      expect(rollbackPromotion).toMatchObject({
        releaseId: r1Id,
        environment: 'dev',
        rollback: true,
        state: 'approved',
        requestedBy: 'service:ci-pipeline',
      });
      expect(
        (await cli(url, ['wait', rollbackPromotion.id, '--interval', '200ms']))
          .code,
      ).toBe(0);
      for (const status of ['started', 'succeeded']) {
        await cli(url, [
          'report-deployment',
          '--environment',
          'dev',
          '--promotion-id',
          rollbackPromotion.id,
          '--status',
          status,
          '--idempotency-key',
          'e2e-rollback',
        ]);
      }
      expect(
        (await cli(url, ['wait', rollbackPromotion.id, '--until', 'succeeded']))
          .code,
      ).toBe(0);
      expect(
        await cli(url, ['status', '--system', 'shop', '--environment', 'dev']),
      ).toMatchObject({
        code: 0,
        stdout: expect.stringContaining('current:    r1'),
      });
      const audit = await (
        await fetch(
          `${url}/api/release-orchestration/audit?entity=system:default/shop`,
          { headers: { Authorization: `Bearer ${token}` } },
        )
      ).json();
      expect(JSON.stringify(audit)).toContain('service:ci-pipeline');

      const nothingThere = await cli(url, [
        'rollback',
        '--system',
        'shop',
        '--environment',
        'production',
      ]);
      expect(nothingThere.code).toBe(3);
      expect(nothingThere.stderr).toContain(
        'no earlier release of system:default/shop succeeded in production',
      );
      const dryPromote = await cli(url, [
        'promote',
        r2.id,
        '--environment',
        'production',
        '--dry-run',
      ]);
      expect(dryPromote).toMatchObject({
        code: 0,
        stdout: expect.stringContaining('Dry run: a promotion of release'),
      });
      expect(
        json(
          await cli(url, [
            'status',
            '--system',
            'shop',
            '--environment',
            'production',
            '--json',
          ]),
        ).environments[0].currentRelease,
      ).toBeUndefined();
      await server.stop();
    });
  },
);
