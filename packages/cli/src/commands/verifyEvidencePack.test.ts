import { createHmac } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { main } from '../cli';
import {
  createTestDatabases,
  startBackend,
  token,
} from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

async function run(args: string[]) {
  const stdout: string[] = [];
  const code = await main(args, {
    env: {},
    stdout: line => stdout.push(line),
    stderr: () => {},
  });
  return { code, stdout: stdout.join('\n') };
}

async function save(pack: unknown) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pack-'));
  const file = path.join(dir, 'pack.json');
  await writeFile(file, JSON.stringify(pack));
  return file;
}

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'verify-evidence-pack on a pack from %p',
  databaseId => {
    it('verifies a downloaded pack offline and finds a changed approval or manifest line', async () => {
      const { url } = await startBackend(await databases.init(databaseId));
      const api = (p: string, init: RequestInit = {}) =>
        fetch(`${url}/api/release-orchestration${p}`, {
          ...init,
          headers: {
            Authorization: `Bearer ${token}`,
            'Content-Type': 'application/json',
          },
        });
      for (const component of ['api', 'web']) {
        const res = await api('/builds', {
          method: 'POST',
          body: JSON.stringify({
            component: `component:default/${component}`,
            version: '1.0.0',
            artifactUri: `r/${component}:1`,
            artifactDigest: `sha256:${'c'.repeat(64)}`,
            commitSha: 'abcdef1',
            commitTime: '2026-11-20T09:00:00Z',
          }),
        });
        expect(res.status).toBe(201);
      }
      const release = await (
        await api('/releases', {
          method: 'POST',
          body: JSON.stringify({
            system: 'system:default/shop',
            version: 'r1',
          }),
        })
      ).json();
      expect(
        (
          await api(`/releases/${release.id}/evidence`, {
            method: 'POST',
            body: JSON.stringify({
              type: 'unit-tests',
              status: 'pass',
              url: 'https://ci.example/1',
              summary: 'ok',
            }),
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await api(`/releases/${release.id}/promotions`, {
            method: 'POST',
            body: JSON.stringify({
              environment: 'dev',
              justification: 'nightly',
            }),
          })
        ).status,
      ).toBe(201);

      const download = await api(`/releases/${release.id}/evidence-pack`);
      expect(download.status).toBe(200);
      expect(download.headers.get('content-disposition')).toBe(
        `attachment; filename="evidence-pack-${release.id}.json"`,
      );
      const pack = await download.json();
      expect(pack.manifestDigest).toBe(release.manifestDigest);
      expect(pack.release.evidence).toHaveLength(1);
      expect(pack.release.promotions).toHaveLength(1);
      expect(pack.audit.events.map((e: any) => e.action)).toEqual(
        expect.arrayContaining([
          'release.created',
          expect.stringMatching(/^evidence\./),
          expect.stringMatching(/^promotion\./),
        ]),
      );

      const ok = await run(['verify-evidence-pack', await save(pack)]);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/^Evidence pack verified offline/);
      expect(ok.stdout).toMatch(
        new RegExp(
          `- ${pack.audit.events.length} event hash\\(es\\) recomputed`,
        ),
      );

      const edited = structuredClone(pack);
      const event = edited.audit.events.find(
        (e: any) => e.subject_type === 'evidence',
      );
      event.summary = `${event.summary.replace('pass', 'fail')} (edited)`;
      edited.release.components[0].artifactDigest = `sha256:${'d'.repeat(64)}`;
      const bad = await run(['verify-evidence-pack', await save(edited)]);
      expect(bad.code).toBe(17);
      expect(bad.stdout).toContain(
        `! event ${event.sequence} (${event.action}): its content does not hash to its stored hash`,
      );
      expect(bad.stdout).toContain('! manifest: its components hash to');
    });
  },
);

describe('verify-evidence-pack with keyed events', () => {
  const keyed = (sequence: number, prev: string, secret: string) => {
    const e: any = {
      sequence,
      id: `e${sequence}`,
      actor: 'user:default/rita',
      action: 'release.created',
      entity_ref: 'system:default/shop',
      subject_type: 'release',
      subject_id: 'r1',
      summary: 'cut',
      data: null,
      created_at: '2026-12-06T07:00:00.000000Z',
      prev_hash: prev,
      key_id: 'k1',
    };
    const payload = JSON.stringify([
      'v2',
      'k1',
      e.prev_hash,
      sequence,
      e.id,
      e.actor,
      e.action,
      e.entity_ref,
      e.subject_type,
      e.subject_id,
      e.summary,
      e.data,
      e.created_at,
    ]);
    e.hash = createHmac('sha256', secret).update(payload).digest('hex');
    return e;
  };
  const pack = (events: any[]) => ({
    manifestDigest:
      'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    release: {
      id: 'r1',
      components: [],
      manifestDigest:
        'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    },
    audit: { events },
  });

  it('checks keyed hashes only with the key, and the links between consecutive events', async () => {
    const e1 = keyed(1, '0'.repeat(64), 's3cret');
    const e2 = { ...keyed(2, e1.hash, 's3cret') };
    const file = await save(pack([e1, e2]));
    const withoutKey = await run(['verify-evidence-pack', file]);
    expect(withoutKey.code).toBe(0);
    expect(withoutKey.stdout).toContain('2 keyed event(s) not checked');
    expect(
      (await run(['verify-evidence-pack', file, '--key', 'k1=s3cret'])).stdout,
    ).toContain('- 2 event hash(es) recomputed');
    const wrongKey = await run([
      'verify-evidence-pack',
      file,
      '--key',
      'k1=guess',
    ]);
    expect(wrongKey.code).toBe(17);
    const relinked = await run([
      'verify-evidence-pack',
      await save(pack([e1, keyed(2, 'f'.repeat(64), 's3cret')])),
      '--key',
      'k1=s3cret',
    ]);
    expect(relinked.stdout).toContain(
      '! event 2: prev_hash does not match the hash of event 1',
    );
    expect(
      (await run(['verify-evidence-pack', file, '--key', 'nosecret'])).code,
    ).toBe(2);
  });
});
