import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { main } from './cli';
import { boundKey, IdempotencyKeys } from './idempotencyKey';

const server = setupServer();
registerMswTestHooks(server);

const api = 'https://backstage.acme.example/api/release-orchestration';

/** Runs the CLI with captured output, a fake clock and sleeps that only advance it. */
async function run(args: string[], env: Record<string, string> = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const sleeps: number[] = [];
  let clock = 0;
  const code = await main(args, {
    env: {
      RELEASE_ORCHESTRATION_URL: 'https://backstage.acme.example',
      RELEASE_ORCHESTRATION_TOKEN: 'ci-token',
      ...env,
    },
    stdout: line => stdout.push(line),
    stderr: line => stderr.push(line),
    sleep: async ms => {
      sleeps.push(ms);
      clock += ms;
    },
    now: () => clock,
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n'), sleeps };
}

const deployment = {
  id: 'd1',
  idempotencyKey: 'k',
  systemRef: 'system:default/payments',
  environment: 'production',
  status: 'started',
  rollback: false,
  hotfix: false,
  startedAt: '2026-11-20T10:00:00.000Z',
  deployer: 'service:external:ci',
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  components: [
    { componentRef: 'component:default/payments-api', version: '3.2.0' },
  ],
};

/** Attaches passing unit-test evidence to release r1. */
const attachEvidence = [
  'attach-evidence',
  'r1',
  '--type',
  'unit-tests',
  '--status',
  'pass',
  '--url',
  'https://ci/1',
  '--summary',
  'ok',
];

const promotion = (state: string, extra: object = {}) => ({
  id: 'p1',
  releaseId: 'r1',
  releaseVersion: '2026.11.20-1',
  environment: 'production',
  state,
  transitions: [],
  ...extra,
});

/** GET /promotions/p1 answers with these states in turn, then the last one for ever. */
function scenario(states: Array<[string, object?]>) {
  let i = 0;
  server.use(
    http.get(`${api}/promotions/p1`, () => {
      const [state, extra] = states[Math.min(i, states.length - 1)];
      i += 1;
      return HttpResponse.json(promotion(state, extra));
    }),
  );
}

describe('release-orchestration CLI', () => {
  it('reports a build with the token, and says whether it was new', async () => {
    const bodies: any[] = [];
    server.use(
      http.post(`${api}/builds`, async ({ request }) => {
        expect(request.headers.get('authorization')).toBe('Bearer ci-token');
        bodies.push(await request.json());
        return HttpResponse.json(
          {
            id: 'b1',
            componentRef: 'component:default/payments-api',
            version: '3.2.0',
          },
          { status: bodies.length === 1 ? 201 : 200 },
        );
      }),
    );
    const args = [
      'report-build',
      '--component',
      'component:default/payments-api',
      '--version',
      '3.2.0',
      '--artifact-uri',
      'registry/p:3.2.0',
      '--artifact-digest',
      `sha256:${'a'.repeat(64)}`,
      '--commit-sha',
      'abcdef1',
      '--commit-time',
      '2026-11-20T09:00:00Z',
    ];
    const first = await run(args);
    expect(first).toMatchObject({
      code: 0,
      stdout: 'Build 3.2.0 of component:default/payments-api recorded (b1)',
    });
    expect(bodies[0]).toEqual({
      component: 'component:default/payments-api',
      version: '3.2.0',
      artifactUri: 'registry/p:3.2.0',
      artifactDigest: `sha256:${'a'.repeat(64)}`,
      commitSha: 'abcdef1',
      commitTime: '2026-11-20T09:00:00Z',
    });
    const again = await run([...args, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({
      id: 'b1',
      componentRef: 'component:default/payments-api',
      version: '3.2.0',
    });
  });

  it('derives the idempotency key of a deployment from the CI run, and requires one elsewhere', async () => {
    const keys: string[] = [];
    server.use(
      http.post(`${api}/deployments`, async ({ request }) => {
        const body: any = await request.json();
        keys.push(body.idempotencyKey);
        return HttpResponse.json(
          { ...deployment, ...body, releaseVersion: undefined },
          { status: 201 },
        );
      }),
    );
    const args = [
      'report-deployment',
      '--environment',
      'production',
      '--status',
      'started',
      '--component',
      'component:default/payments-api',
      '--version',
      '3.2.0',
      '--hotfix',
    ];
    const github = await run(args, {
      GITHUB_ACTIONS: 'true',
      GITHUB_REPOSITORY: 'acme/payments',
      GITHUB_RUN_ID: '812',
      GITHUB_RUN_ATTEMPT: '2',
      GITHUB_JOB: 'deploy',
    });
    expect(github.code).toBe(0);
    expect(github.stdout).toContain(
      'Deployment of component:default/payments-api 3.2.0 to production: started (recorded',
    );
    const gitlab = await run(args, {
      GITLAB_CI: 'true',
      CI_PROJECT_PATH: 'acme/payments',
      CI_JOB_ID: '4711',
    });
    expect(gitlab.code).toBe(0);
    expect(keys).toEqual([
      'github:acme/payments:812:2:deploy:production:component:default/payments-api@3.2.0',
      'gitlab:acme/payments:4711:production:component:default/payments-api@3.2.0',
    ]);
    const local = await run(args);
    expect(local.code).toBe(2);
    expect(local.stderr).toContain(
      '--idempotency-key is required outside GitHub Actions and GitLab CI',
    );
    expect(keys).toHaveLength(2);
  });

  it("prints the server's message on 4xx with an exit code per kind of refusal", async () => {
    server.use(
      http.post(`${api}/deployments`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ConflictError',
              message:
                "idempotencyKey: 'k' was already used for another deployment",
            },
          },
          { status: 409 },
        ),
      ),
      http.post(`${api}/releases/r1/evidence`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'release-orchestration.evidence.create was denied',
            },
          },
          { status: 403 },
        ),
      ),
    );
    const conflict = await run([
      'report-deployment',
      '--idempotency-key',
      'k',
      '--environment',
      'dev',
      '--status',
      'failed',
      '--release-id',
      'r1',
      '--json',
    ]);
    expect(conflict.code).toBe(3);
    expect(conflict.stderr).toBe(
      "release-orchestration: 409 Conflict: idempotencyKey: 'k' was already used for another deployment",
    );
    expect(JSON.parse(conflict.stdout).error).toMatchObject({
      exitCode: 3,
      response: { error: { name: 'ConflictError' } },
    });
    const denied = await run(attachEvidence);
    expect(denied.code).toBe(4);
    expect(denied.stderr).toContain(
      '403 Forbidden: release-orchestration.evidence.create was denied',
    );
  });

  it('retries network errors and 5xx with exponential backoff, then gives up with exit 1', async () => {
    let calls = 0;
    server.use(
      http.post(`${api}/releases/r1/evidence`, async ({ request }) => {
        calls += 1;
        if (calls <= 2) {
          return calls === 1
            ? HttpResponse.error()
            : HttpResponse.json(
                { error: { message: 'database is restarting' } },
                { status: 503 },
              );
        }
        const body: any = await request.json();
        return HttpResponse.json({ id: 'e1', ...body }, { status: 201 });
      }),
    );
    const ok = await run([
      'attach-evidence',
      'r1',
      '--type',
      'security-scan',
      '--status',
      'warn',
      '--url',
      'https://scan/1',
      '--summary',
      '2 medium',
      '--environment',
      'production',
      '--digest',
      `sha256:${'b'.repeat(64)}`,
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe(
      'Evidence security-scan (warn) attached to release r1 for production (e1)',
    );
    expect(ok.stderr).toContain(
      '503 Service Unavailable: database is restarting; retrying in',
    );
    expect(ok.sleeps).toHaveLength(2);
    expect(ok.sleeps[0]).toBeGreaterThanOrEqual(750);
    expect(ok.sleeps[0]).toBeLessThanOrEqual(1250);
    expect(ok.sleeps[1]).toBeGreaterThanOrEqual(1500);
    expect(ok.sleeps[1]).toBeLessThanOrEqual(2500);

    server.use(
      http.post(`${api}/releases/r1/promotions`, () =>
        HttpResponse.json({ error: { message: 'boom' } }, { status: 500 }),
      ),
    );
    const down = await run([
      'promote',
      'r1',
      '--environment',
      'production',
      '--retries',
      '2',
      '--retry-delay',
      '100ms',
    ]);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain(
      'failed after 3 attempt(s): 500 Internal Server Error: boom',
    );
    expect(down.sleeps.length).toBe(2);
  });

  it('requests a promotion and lists the unmet conditions of a refusal', async () => {
    let state = 'pending_approval';
    server.use(
      http.post(`${api}/releases/r1/promotions`, async ({ request }) => {
        const body: any = await request.json();
        if (body.environment === 'nowhere') {
          return HttpResponse.json(
            {
              error: {
                name: 'PromotionRefusedError',
                message: 'Promotion of 2026.11.20-1 into nowhere refused',
              },
              unmetConditions: [
                {
                  code: 'evidence-missing',
                  message: 'no passing security-scan evidence',
                },
              ],
            },
            { status: 422 },
          );
        }
        return HttpResponse.json(
          promotion(state, {
            environment: body.environment,
            blockedReason:
              state === 'blocked' ? 'production is frozen' : undefined,
          }),
          { status: 201 },
        );
      }),
    );
    const ok = await run([
      'promote',
      'r1',
      '--environment',
      'production',
      '--justification',
      'ship it',
    ]);
    expect(ok).toMatchObject({
      code: 0,
      stdout:
        'Promotion p1 of release 2026.11.20-1 into production: pending_approval',
    });
    state = 'blocked';
    const blocked = await run([
      'promote',
      '--release-id',
      'r1',
      '--environment',
      'production',
    ]);
    expect(blocked.code).toBe(12);
    expect(blocked.stdout).toContain('blocked (production is frozen)');
    const refused = await run(['promote', 'r1', '--environment', 'nowhere']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(
      '422 Unprocessable Entity: Promotion of 2026.11.20-1 into nowhere refused\n  - no passing security-scan evidence',
    );
  });

  it('promotes into several lanes at once with a comma-separated --environment (fan-out)', async () => {
    let sent: any;
    server.use(
      http.post(`${api}/promotions`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(
          {
            items: [
              promotion('pending_approval', {
                id: 'p-eu',
                environment: 'production-eu',
              }),
              promotion('blocked', {
                id: 'p-us',
                environment: 'production-us',
                blockedReason: 'production-us is frozen',
              }),
            ],
          },
          { status: 201 },
        );
      }),
    );
    const out = await run([
      'promote',
      'r1',
      '--environment',
      'production-eu, production-us',
      '--justification',
      'both regions',
    ]);
    expect(sent).toEqual({
      releaseId: 'r1',
      environments: ['production-eu', 'production-us'],
      justification: 'both regions',
    });
    expect(out.code).toBe(12);
    expect(out.stdout).toBe(
      'Promotion p-eu of release 2026.11.20-1 into production-eu: pending_approval\nPromotion p-us of release 2026.11.20-1 into production-us: blocked (production-us is frozen)',
    );
    expect(out.stderr).toContain(
      'release-orchestration wait p-eu; release-orchestration wait p-us',
    );
  });

  it('waits for a promotion and exits with a code per outcome', async () => {
    scenario([['pending_approval'], ['pending_approval'], ['approved']]);
    const approved = await run(['wait', 'p1', '--interval', '10s']);
    expect(approved).toMatchObject({
      code: 0,
      stdout: 'Promotion p1 is approved',
      sleeps: [10_000, 10_000],
    });
    expect(approved.stderr.split('\n')).toEqual([
      'Promotion p1 of release 2026.11.20-1 into production: pending_approval',
      'Promotion p1 of release 2026.11.20-1 into production: approved',
    ]);

    scenario([
      ['blocked'],
      ['pending_approval'],
      [
        'rejected',
        {
          transitions: [{ to: 'rejected', reason: 'needs a load test first' }],
        },
      ],
    ]);
    const rejected = await run(['wait', 'p1']);
    expect(rejected).toMatchObject({
      code: 10,
      stdout: 'Promotion p1 is rejected: needs a load test first',
    });

    scenario([['pending_approval']]);
    const timeout = await run([
      'wait',
      'p1',
      '--timeout',
      '1m',
      '--interval',
      '25s',
    ]);
    expect(timeout.code).toBe(14);
    expect(timeout.sleeps).toEqual([25_000, 25_000, 10_000]);
    expect(timeout.stderr).toContain(
      'Gave up after 1m: promotion p1 is still pending_approval',
    );
  });

  it.each<[string[], string[], number]>([
    [['cancelled'], [], 11],
    [['approved', 'deploying', 'failed'], ['--until', 'succeeded'], 13],
    [['approved', 'deploying', 'succeeded'], ['--until', 'succeeded'], 0],
  ])(
    'waits through the promotion states %j (%j) and exits %i',
    async (states, options, code) => {
      scenario(states.map(state => [state]));
      expect((await run(['wait', 'p1', ...options])).code).toBe(code);
    },
  );

  it('sends an Idempotency-Key with every write, the same on its retries: from the CI job, --idempotency-key, or random per run', async () => {
    const seen: Array<{ path: string; key: string | null }> = [];
    let failFirst = true;
    server.use(
      http.post(`${api}/releases/r1/evidence`, async ({ request }) => {
        seen.push({
          path: 'evidence',
          key: request.headers.get('idempotency-key'),
        });
        if (failFirst) {
          failFirst = false;
          return HttpResponse.json(
            { error: { message: 'replica restarting' } },
            { status: 503 },
          );
        }
        const body: any = await request.json();
        return HttpResponse.json({ id: 'e1', ...body }, { status: 201 });
      }),
      http.post(`${api}/deployments`, async ({ request }) => {
        seen.push({
          path: 'deployments',
          key: request.headers.get('idempotency-key'),
        });
        const body: any = await request.json();
        return HttpResponse.json(
          { ...deployment, ...body, releaseVersion: undefined },
          { status: 201 },
        );
      }),
      http.get(`${api}/promotions/p1`, ({ request }) => {
        seen.push({
          path: 'wait',
          key: request.headers.get('idempotency-key'),
        });
        return HttpResponse.json(promotion('approved'));
      }),
    );
    const evidence = attachEvidence;
    const github = {
      GITHUB_ACTIONS: 'true',
      GITHUB_REPOSITORY: 'acme/payments',
      GITHUB_RUN_ID: '812',
      GITHUB_RUN_ATTEMPT: '2',
      GITHUB_JOB: 'test',
    };

    // In CI: the job plus the request; a retry after a 503 and a re-run of the step in the job reuse it.
    expect((await run(evidence, github)).code).toBe(0);
    expect((await run(evidence, github)).code).toBe(0);
    const ciKeys = seen.map(s => s.key);
    expect(ciKeys).toHaveLength(3);
    expect(new Set(ciKeys).size).toBe(1);
    expect(ciKeys[0]).toMatch(
      /^github:acme\/payments:812:2:test:POST:\/releases\/r1\/evidence:[0-9a-f]{16}$/,
    );
    // Another write in the same job, another attempt of the job: other keys.
    const otherWrite = await run([...evidence.slice(0, -1), 'not ok'], github);
    const nextAttempt = await run(evidence, {
      ...github,
      GITHUB_RUN_ATTEMPT: '3',
    });
    expect([otherWrite.code, nextAttempt.code]).toEqual([0, 0]);
    expect(new Set(seen.map(s => s.key)).size).toBe(3);

    // Outside CI: random per run, reused by the run's own retries.
    seen.length = 0;
    failFirst = true;
    await run(evidence);
    await run(evidence);
    expect(seen.map(s => s.key)).toEqual([
      seen[0].key,
      seen[0].key,
      expect.stringMatching(/^cli:[0-9a-f-]{36}:POST:/),
    ]);
    expect(seen[2].key).not.toBe(seen[0].key);

    // Given explicitly; reads send none.
    seen.length = 0;
    await run([...evidence, '--idempotency-key', 'pipeline-7-tests']);
    await run(['wait', 'p1']);
    expect(seen).toEqual([
      { path: 'evidence', key: 'pipeline-7-tests' },
      { path: 'wait', key: null },
    ]);

    // report-deployment: the body key names the deployment, each report has its own header key.
    seen.length = 0;
    const report = (status: string) =>
      run([
        'report-deployment',
        '--environment',
        'dev',
        '--status',
        status,
        '--release-id',
        'r1',
        '--idempotency-key',
        'deploy-9',
      ]);
    expect((await report('started')).code).toBe(0);
    expect((await report('succeeded')).code).toBe(0);
    expect(seen.map(s => s.key)).toEqual([
      'deploy-9:started',
      'deploy-9:succeeded',
    ]);
  });

  it('keeps generated keys within what the server accepts', () => {
    const long = new IdempotencyKeys({
      env: {
        GITLAB_CI: 'true',
        CI_PROJECT_PATH: `acme/${'x'.repeat(300)}`,
        CI_JOB_ID: '1',
      },
    });
    const key = long.keyFor('POST', '/releases', { version: '1' });
    expect(key).toMatch(/^[\x21-\x7e]{255}$/);
    expect(long.keyFor('POST', '/releases', { version: '1' })).toBe(key);
    expect(long.keyFor('POST', '/releases', { version: '2' })).not.toBe(key);
    expect(boundKey('caf\u00e9 au lait')).toBe('caf%C3%A9-au-lait');
    const explicit = new IdempotencyKeys({ explicit: 'k', env: {} });
    expect([
      explicit.keyFor('POST', '/a', {}),
      explicit.keyFor('POST', '/b', {}),
      explicit.keyFor('POST', '/a', {}),
    ]).toEqual(['k', 'k:2', 'k']);
  });

  // No handler is registered: a request would fail the test (msw errors on unhandled requests).
  it.each<[string[], Record<string, string>, string]>([
    [['deploy'], {}, "unknown command 'deploy'"],
    [
      [
        'report-deployment',
        '--environment',
        'dev',
        '--status',
        'done',
        '--idempotency-key',
        'k',
        '--component',
        'c',
      ],
      {},
      "--status must be one of started, succeeded, failed, got 'done'",
    ],
    [
      [
        'report-deployment',
        '--environment',
        'dev',
        '--status',
        'started',
        '--idempotency-key',
        'k',
      ],
      {},
      'give --component and --version, --release-id, or --promotion-id',
    ],
    [
      ['report-build', '--component', 'x', '--colour', 'red'],
      {},
      "Unknown option '--colour'",
    ],
    [
      ['promote', '--environment', 'production'],
      {},
      'give the release id as an argument or with --release-id',
    ],
    [
      ['wait', 'p1', '--timeout', 'soon'],
      {},
      "--timeout: 'soon' is not a duration",
    ],
    [
      ['wait', 'p1', '--until', 'deployed'],
      {},
      '--until must be approved or succeeded',
    ],
    [
      ['wait', 'p1'],
      { RELEASE_ORCHESTRATION_URL: '' },
      '--server or RELEASE_ORCHESTRATION_URL is required',
    ],
    [['wait', 'p1', '--server', 'not a url'], {}, "'not a url' is not a URL"],
    [
      ['wait', 'p1', '--retries', 'many'],
      {},
      '--retries must be a whole number',
    ],
  ])(
    'explains usage mistakes with exit 2 before sending anything: %j',
    async (args, env, message) => {
      const result = await run(args, env);
      expect({ code: result.code, stderr: result.stderr }).toEqual({
        code: 2,
        stderr: expect.stringContaining(message),
      });
    },
  );

  it('prints usage with --help, exit 0', async () => {
    expect((await run(['--help'])).code).toBe(0);
    expect((await run(['wait', '--help'])).stdout).toContain(
      'release-orchestration wait <promotion-id>',
    );
  });
});
