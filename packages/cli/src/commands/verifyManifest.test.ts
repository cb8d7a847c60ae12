import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { main } from '../cli';

const server = setupServer();
registerMswTestHooks(server);

const api = 'https://backstage.acme.example/api/release-orchestration';
const b = `sha256:${'b'.repeat(64)}`;
// sha256 of "component:default/api <b>\ncomponent:default/web <b>\n" (the server's test vector)
const digest =
  'sha256:83dba122ea613ac43b07add78a5d6a755852dfca0a481d52fd274650a362b08e';

async function run(args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(args, {
    env: { RELEASE_ORCHESTRATION_URL: 'https://backstage.acme.example' },
    stdout: line => stdout.push(line),
    stderr: line => stderr.push(line),
    sleep: async () => {},
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

function serveRelease(webDigest = b, manifestDigest = digest) {
  server.use(
    http.get(`${api}/releases/r1`, () =>
      HttpResponse.json({
        id: 'r1',
        version: '2026.12.1',
        manifestDigest,
        components: [
          { componentRef: 'component:default/web', artifactDigest: webDigest },
          {
            componentRef: 'component:default/api',
            artifactDigest: b.toUpperCase().replace('SHA256', 'sha256'),
          },
        ],
      }),
    ),
  );
}

describe('verify-manifest', () => {
  it('recomputes the digest and checks it against a given one', async () => {
    serveRelease();
    expect(await run(['verify-manifest', 'r1'])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`${digest} verified`),
    });
    expect(
      await run(['verify-manifest', 'r1', '--digest', digest]),
    ).toMatchObject({ code: 0 });
    const other = await run([
      'verify-manifest',
      'r1',
      '--digest',
      `sha256:${'0'.repeat(64)}`,
    ]);
    expect(other.code).toBe(17);
    expect(other.stdout).toContain(`not the given sha256:${'0'.repeat(64)}`);
    expect(
      (await run(['verify-manifest', 'r1', '--digest', 'md5:12'])).code,
    ).toBe(2);
  });

  it('fails when the served manifest no longer hashes to the stored digest', async () => {
    serveRelease(`sha256:${'c'.repeat(64)}`);
    const result = await run(['verify-manifest', 'r1', '--json']);
    expect(result.code).toBe(17);
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: false,
      problems: [expect.stringContaining('changed after the release was cut')],
    });
  });

  it('compares a deployed manifest file and names the component that differs', async () => {
    serveRelease();
    const dir = await mkdtemp(join(tmpdir(), 'verify-manifest-'));
    const same = join(dir, 'same.json');
    await writeFile(
      same,
      JSON.stringify([
        { component: 'component:default/api', artifactDigest: b },
        { componentRef: 'component:default/web', artifactDigest: b },
      ]),
    );
    expect((await run(['verify-manifest', 'r1', '--file', same])).code).toBe(0);
    const drifted = join(dir, 'drifted.json');
    await writeFile(
      drifted,
      JSON.stringify({
        components: [
          { component: 'component:default/api', artifactDigest: b },
          {
            component: 'component:default/web',
            artifactDigest: `sha256:${'d'.repeat(64)}`,
          },
        ],
      }),
    );
    const result = await run(['verify-manifest', 'r1', '--file', drifted]);
    expect(result.code).toBe(17);
    expect(result.stdout).toContain(
      `component:default/web: release ${b}, given sha256:${'d'.repeat(64)}`,
    );
    expect(result.stdout).not.toContain('component:default/api:');
  });
});
