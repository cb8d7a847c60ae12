import http from 'node:http';
import { AddressInfo } from 'node:net';
import {
  fixedRateLoad,
  fixedRateLoadInWorker,
  latencyPercentiles,
} from './fixedRateLoad';

describe('fixedRateLoad', () => {
  let server: http.Server;
  let baseUrl: string;
  const arrivals: number[] = [];
  const paths: string[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      arrivals.push(performance.now());
      paths.push(req.url ?? '');
      let body = '';
      req.on('data', chunk => {
        body += chunk;
      });
      req.on('end', () => {
        // Every tenth request is slow; one answers 500.
        const n = paths.length;
        const delay = n % 10 === 0 ? 80 : 0;
        setTimeout(() => {
          res.statusCode = body === 'fail' ? 500 : 201;
          res.end('{}');
        }, delay);
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  it('sends evenly spaced requests whatever the answers, and times each from when it was due', async () => {
    let i = 0;
    const outcome = await fixedRateLoad({
      baseUrl,
      rate: 50,
      seconds: 2,
      headers: { 'content-type': 'application/json' },
      next: () => {
        i += 1;
        return {
          path: i % 2 ? '/builds' : '/deployments',
          body: i === 7 ? 'fail' : '{}',
        };
      },
    });
    expect(outcome.sent).toBe(100);
    expect(outcome.ok + outcome.non2xx + outcome.errors).toBe(100);
    expect(outcome.non2xx).toBe(1);
    expect(outcome.errors).toBe(0);
    expect(paths.slice(0, 2)).toEqual(['/api/builds', '/api/deployments']);
    // Open load: a slow answer does not hold back the next request. Arrivals stay about 20 ms
    // apart (a burst would put many within a millisecond). The bounds leave room for a busy CI
    // machine, where a late timer sends the requests it owes together; a sender of bursts (all of
    // a second's requests at once) has nearly every gap under 5 ms and fails them.
    const gaps = arrivals.slice(1).map((t, k) => t - arrivals[k]);
    const sortedGaps = [...gaps].sort((a, b) => a - b);
    expect(sortedGaps[Math.floor(gaps.length / 2)]).toBeGreaterThan(10);
    expect(gaps.filter(g => g < 5).length).toBeLessThan(50);
    // The ten slow requests are the top decile: p99 and max include their 80 ms; the others are
    // timed alone, so the median stays under the slow ones' delay.
    const p = latencyPercentiles(outcome.latencies);
    expect(p.p50).toBeLessThan(80);
    expect(p.p99).toBeGreaterThanOrEqual(80);
    expect(p.max).toBeGreaterThanOrEqual(80);
  });

  it('sends the warm-up at the same rate and leaves it out of the figures', async () => {
    const before = paths.length;
    const outcome = await fixedRateLoad({
      baseUrl,
      rate: 50,
      seconds: 1,
      warmupSeconds: 0.4,
      headers: {},
      next: () => ({ path: '/builds', body: '{}' }),
    });
    expect(paths.length - before).toBe(70);
    expect(outcome.sent).toBe(50);
    expect(outcome.ok).toBe(50);
    expect(outcome.latencies).toHaveLength(50);
    expect(outcome.warmupLatencies).toHaveLength(20);
  });

  it('runs in a thread of its own with the requests given, in their order', async () => {
    const before = paths.length;
    const outcome = await fixedRateLoadInWorker({
      baseUrl,
      rate: 50,
      seconds: 0.6,
      warmupSeconds: 0.2,
      headers: {},
      requests: [
        { path: '/builds', body: '{}' },
        { path: '/deployments', body: '{}' },
        { path: '/incidents', body: 'fail' },
      ],
    });
    expect(paths.slice(before, before + 4)).toEqual([
      '/api/builds',
      '/api/deployments',
      '/api/incidents',
      '/api/builds',
    ]);
    expect(paths.length - before).toBe(40);
    expect(outcome.sent).toBe(30);
    // Of the 30 measured requests (the 11th to the 40th), every third is the one answered 500.
    expect(outcome.non2xx).toBe(10);
    expect(outcome.ok + outcome.non2xx).toBe(30);
    expect(outcome.latencies).toHaveLength(30);
    expect(outcome.warmupLatencies).toHaveLength(10);
  });
});
