import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { IMPORT_LINES_PER_REQUEST } from '@release-orchestration/plugin-release-orchestration-common';
import { main } from '../cli';

const server = setupServer();
registerMswTestHooks(server);

const api = 'https://backstage.acme.example/api/release-orchestration';

async function run(args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(args, {
    env: {
      RELEASE_ORCHESTRATION_URL: 'https://backstage.acme.example',
      RELEASE_ORCHESTRATION_TOKEN: 'ci-token',
    },
    stdout: line => stdout.push(line),
    stderr: line => stderr.push(line),
    sleep: async () => {},
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

/** A fake /import: every line that is not JSON with `"bad": true` is created. */
function fakeImport(requests: Array<{ type: string | null; body: string }>) {
  return http.post(`${api}/import`, async ({ request }) => {
    const body = await request.text();
    requests.push({ type: request.headers.get('content-type'), body });
    const results = body
      .split('\n')
      .map((line, i) => ({ line, n: i + 1 }))
      .filter(({ line }) => line.trim() !== '')
      .map(({ line, n }) =>
        JSON.parse(line).bad
          ? {
              line: n,
              outcome: 'rejected',
              status: 400,
              error: `line ${n}: version: must not be empty`,
            }
          : { line: n, kind: 'build', outcome: 'created', id: `id-${n}` },
      );
    const rejected = results.filter(r => r.outcome === 'rejected').length;
    return HttpResponse.json({
      summary: {
        lines: results.length,
        created: results.length - rejected,
        finished: 0,
        unchanged: 0,
        rejected,
      },
      results,
    });
  });
}

describe('import', () => {
  it('sends the file in parts as NDJSON and names the file lines the server refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ro-import-'));
    const file = join(dir, 'history.ndjson');
    await writeFile(
      file,
      [
        '{"kind":"build"}',
        '',
        '{"kind":"build"}',
        '{"bad":true}',
        '{"kind":"build"}',
        '',
      ].join('\n'),
    );
    const requests: Array<{ type: string | null; body: string }> = [];
    server.use(fakeImport(requests));

    const { code, stdout, stderr } = await run([
      'import',
      file,
      '--lines-per-request',
      '2',
    ]);

    expect(requests.map(r => r.type)).toEqual([
      'application/x-ndjson',
      'application/x-ndjson',
      'application/x-ndjson',
    ]);
    expect(requests.map(r => r.body)).toEqual([
      '{"kind":"build"}\n',
      '{"kind":"build"}\n{"bad":true}',
      '{"kind":"build"}',
    ]);
    expect(stdout).toBe(
      `Imported ${file}: 4 records, 3 created, 0 finished, 0 already recorded, 1 rejected`,
    );
    expect(stderr).toContain(`${file}:4: 400 version: must not be empty`);
    expect(stderr).toContain(
      'The DORA figures count imported production deployments once the portal has caught up on them',
    );
    expect(code).toBe(3);
  });

  it('sends IMPORT_LINES_PER_REQUEST lines a request by default, the size the benchmark measures', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ro-import-'));
    const file = join(dir, 'history.ndjson');
    const total = IMPORT_LINES_PER_REQUEST * 2 + 3;
    await writeFile(
      file,
      `${Array.from({ length: total }, () => '{"kind":"build"}').join('\n')}\n`,
    );
    const requests: Array<{ type: string | null; body: string }> = [];
    server.use(fakeImport(requests));

    const { code } = await run(['import', file]);

    expect(code).toBe(0);
    expect(
      requests.map(r => r.body.split('\n').filter(l => l !== '').length),
    ).toEqual([IMPORT_LINES_PER_REQUEST, IMPORT_LINES_PER_REQUEST, 3]);
  });

  it('exits 0 when every record was recorded, and refuses a file without records or a bad part size', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ro-import-'));
    const good = join(dir, 'good.ndjson');
    await writeFile(good, '{"kind":"build"}\n');
    server.use(fakeImport([]));
    expect((await run(['import', good])).code).toBe(0);

    const empty = join(dir, 'empty.ndjson');
    await writeFile(empty, '\n\n');
    const none = await run(['import', empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('has no records');

    const size = await run(['import', good, '--lines-per-request', '20000']);
    expect(size.code).toBe(2);
    expect(size.stderr).toContain(
      '--lines-per-request must be a whole number from 1 to 10000',
    );

    const missing = await run(['import', join(dir, 'nope.ndjson')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
  });
});
