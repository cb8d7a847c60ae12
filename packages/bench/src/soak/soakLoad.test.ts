import http from 'node:http';
import { AddressInfo } from 'node:net';
import {
  mixSequence,
  SOAK_MIX,
  SoakLoad,
  SoakOperation,
  SoakOperations,
} from './soakLoad';

/** A server that answers each request with what `answer` says; `null` never answers. */
async function server(
  answer: (n: number, req: http.IncomingMessage) => number | null,
) {
  let n = 0;
  const seen: Array<{ url: string; key?: string; body: string }> = [];
  const s = http.createServer((req, res) => {
    let body = '';
    req.on('data', c => (body += c));
    req.on('end', () => {
      seen.push({
        url: req.url!,
        key: req.headers['idempotency-key'] as string | undefined,
        body,
      });
      const status = answer(n++, req);
      if (status !== null) {
        res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      }
    });
  });
  await new Promise<void>(resolve => s.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise(resolve => {
        s.closeAllConnections();
        s.close(resolve);
      }),
  };
}

const write = (i: number): SoakOperation => ({
  route: 'POST /builds',
  method: 'POST',
  path: '/builds',
  body: { i },
  write: { kind: 'build', marker: `m-${i}`, key: `k-${i}` },
});

function ops(make: (i: number) => SoakOperation) {
  let i = 0;
  return { next: () => make(i++) };
}

describe('SoakLoad', () => {
  it('sends at the rate, alternates replicas per route and accepts each 2xx write once', async () => {
    const a = await server(() => 201);
    const b = await server(() => 201);
    try {
      const load = new SoakLoad(
        [
          { baseUrl: a.url, token: 't' },
          { baseUrl: b.url, token: 't' },
        ],
        ops(write),
        { rate: 40 },
      );
      await load.run(1000);
      expect(load.records.length).toBeGreaterThanOrEqual(38);
      expect(Math.abs(a.seen.length - b.seen.length)).toBeLessThanOrEqual(1);
      expect(load.accepted.get('build')!.size).toBe(load.records.length);
      expect(a.seen[0]).toMatchObject({
        url: '/builds',
        key: 'k-0',
        body: '{"i":0}',
      });
      expect(load.failed).toBe(0);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('retries a 5xx on the other replica with the same body and key', async () => {
    const a = await server(() => 503);
    const b = await server(() => 201);
    try {
      const load = new SoakLoad(
        [
          { baseUrl: a.url, token: 't' },
          { baseUrl: b.url, token: 't' },
        ],
        ops(write),
        {
          rate: 1,
          backoffMs: 1,
        },
      );
      await load.run(1100);
      expect(a.seen).toHaveLength(1);
      expect(b.seen[0]).toEqual(a.seen[0]);
      expect(load.records.map(r => [r.replica, r.status, r.attempt])).toEqual([
        [0, 503, 1],
        [1, 201, 2],
      ]);
      expect([...load.accepted.get('build')!]).toEqual(['m-0']);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('does not retry a 4xx, and counts a write in doubt when every attempt timed out', async () => {
    const bad = await server(() => 400);
    const mute = await server(() => null);
    try {
      const refused = new SoakLoad(
        [{ baseUrl: bad.url, token: 't' }],
        ops(write),
        { rate: 1 },
      );
      await refused.run(1100);
      expect(bad.seen).toHaveLength(1);
      expect(refused.failed).toBe(1);
      expect(refused.inDoubt.size).toBe(0);
      const silent = new SoakLoad(
        [{ baseUrl: mute.url, token: 't' }],
        ops(write),
        { rate: 1, timeoutMs: 200, backoffMs: 1 },
      );
      await silent.run(1100);
      expect(silent.records.map(r => r.status)).toEqual([0, 0, 0, 0]);
      expect([...silent.inDoubt.get('build')!]).toEqual(['m-0']);
      expect(silent.failed).toBe(1);
    } finally {
      await bad.close();
      await mute.close();
    }
  }, 20_000);

  it('keeps a drained replica out of the rotation until it is resumed', async () => {
    const a = await server(() => 200);
    const b = await server(() => 200);
    try {
      const load = new SoakLoad(
        [
          { baseUrl: a.url, token: 't' },
          { baseUrl: b.url, token: 't' },
        ],
        ops(write),
        { rate: 20 },
      );
      await load.drain(0);
      await load.run(500);
      expect(a.seen).toHaveLength(0);
      load.resume(0);
      await load.run(500);
      expect(a.seen.length).toBeGreaterThan(0);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('SoakOperations', () => {
  const targets = {
    systems: [
      {
        ref: 'system:default/a',
        components: ['component:default/a-1', 'component:default/a-2'],
        releaseId: '00000000-0000-4000-8000-000000000001',
      },
      {
        ref: 'system:default/b',
        components: ['component:default/b-1'],
        releaseId: '00000000-0000-4000-8000-000000000002',
      },
    ],
    window: {
      from: '2026-08-03T00:00:00.000Z',
      to: '2026-11-01T00:00:00.000Z',
    },
  };

  it('issues the mix in every cycle of 50', () => {
    const sequence = mixSequence(SOAK_MIX);
    expect(sequence).toHaveLength(50);
    for (const [kind, n] of SOAK_MIX) {
      expect(sequence.filter(k => k === kind)).toHaveLength(n);
    }
  });

  it('gives every write a marker of its own and the run in its key', () => {
    const operations = new SoakOperations(targets, 'run1');
    const writes = Array.from({ length: 500 }, () => operations.next()).filter(
      o => o.write,
    );
    expect(writes.length).toBe(280);
    expect(new Set(writes.map(w => w.write!.marker)).size).toBe(writes.length);
    expect(writes.every(w => w.write!.key.startsWith('soak-run1-'))).toBe(true);
    const build = writes.find(w => w.write!.kind === 'build')!;
    expect(build.write!.marker).toBe(
      `${(build.body as any).component}@${(build.body as any).version}`,
    );
  });

  it('sends deployments of every lane to both replicas of the round robin', () => {
    const operations = new SoakOperations(targets, 'run1');
    const lanes = [new Set<string>(), new Set<string>()];
    let turn = 0;
    for (let i = 0; i < 2000; i++) {
      const o = operations.next();
      if (o.route === 'POST /deployments') {
        lanes[turn++ % 2].add((o.body as any).environment);
      }
    }
    expect([...lanes[0]].sort()).toEqual(['dev', 'production', 'staging']);
    expect([...lanes[1]].sort()).toEqual(['dev', 'production', 'staging']);
  });
});
