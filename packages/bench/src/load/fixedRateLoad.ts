import http from 'node:http';
import { Worker } from 'node:worker_threads';
import { percentile } from '../measure/percentiles';

/** One request of a fixed-rate load. */
export interface FixedRateRequest {
  path: string;
  body: string;
}

/** What a fixed-rate load saw. */
export interface FixedRateOutcome {
  sent: number;
  seconds: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** Milliseconds from each request's due time to its answer, ascending (after the warm-up). */
  latencies: number[];
  /** The same for the requests of the warm-up, which `latencies` leaves out. */
  warmupLatencies: number[];
  /** The latest a request left after its due time, in milliseconds (the generator's own lag). */
  maxSendLagMs: number;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Sends `rate` requests a second, evenly spaced (request i is due at start + i / rate), for
 * `seconds`, whatever the answers: an open load, as pipelines report. Each latency counts from
 * the request's due time, so a request the generator sent late is not flattered (coordinated
 * omission). autocannon's `overallRate` is not this: it gives each connection a budget per
 * second that it spends back to back at the start of the second, bursts of `connections`
 * concurrent requests.
 */
export async function fixedRateLoad(options: {
  baseUrl: string;
  rate: number;
  seconds: number;
  /**
   * Sent at the same rate before the measured `seconds`, not counted: the backend's first
   * requests open connections and compile code paths (in the first second of a cold 100/s load,
   * 35 requests of 3,000 took 40-165 ms, 6 December).
   */
  warmupSeconds?: number;
  headers: Record<string, string>;
  next: () => FixedRateRequest;
}): Promise<FixedRateOutcome> {
  const base = new URL(options.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const warmup = Math.round(options.rate * (options.warmupSeconds ?? 0));
  const total = warmup + Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  const warmupLatencies: number[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let maxSendLagMs = 0;
  const send = (due: number, request: FixedRateRequest, counted: boolean) =>
    new Promise<void>(resolve => {
      const req = http.request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          method: 'POST',
          path: `${base.pathname.replace(/\/$/, '')}${request.path}`,
          headers: {
            ...options.headers,
            'content-length': Buffer.byteLength(request.body),
          },
        },
        res => {
          res.resume();
          res.on('end', () => {
            (counted ? latencies : warmupLatencies).push(
              performance.now() - due,
            );
            if (!counted) {
              resolve();
              return;
            }
            if (res.statusCode! >= 200 && res.statusCode! < 300) {
              ok += 1;
            } else {
              non2xx += 1;
            }
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors += counted ? 1 : 0;
        resolve();
      });
      req.end(request.body);
    });
  const start = performance.now();
  let measuredFrom = start;
  const pending: Array<Promise<void>> = [];
  try {
    for (let i = 0; i < total; i++) {
      const due = start + i * interval;
      const wait = due - performance.now();
      if (wait > 1) {
        await sleep(wait);
      }
      if (i === warmup) {
        measuredFrom = due;
      }
      if (i >= warmup) {
        maxSendLagMs = Math.max(maxSendLagMs, performance.now() - due);
      }
      pending.push(send(due, options.next(), i >= warmup));
    }
    await Promise.all(pending);
  } finally {
    agent.destroy();
  }
  latencies.sort((a, b) => a - b);
  warmupLatencies.sort((a, b) => a - b);
  return {
    sent: total - warmup,
    seconds: (performance.now() - measuredFrom) / 1000,
    ok,
    non2xx,
    errors,
    latencies,
    warmupLatencies,
    maxSendLagMs,
  };
}

/** p50, p90, p99 and max of a fixed-rate load's latencies, in whole milliseconds. */
export function latencyPercentiles(sorted: number[]) {
  const ms = (v: number) => Math.round(v);
  return {
    p50: ms(percentile(sorted, 0.5)),
    p90: ms(percentile(sorted, 0.9)),
    p99: ms(percentile(sorted, 0.99)),
    max: ms(sorted[sorted.length - 1]),
  };
}

/**
 * {@link fixedRateLoad} in a thread of its own, with its requests made beforehand: the sender's
 * timers do not wait for this process's garbage collection (in the whole benchmark, the heap of
 * the engine part held the in-process sender up to 47 ms late, 6 December) nor for the making of
 * bodies. `requests` are sent in order (from the first again if the load needs more).
 */
export async function fixedRateLoadInWorker(
  options: Omit<Parameters<typeof fixedRateLoad>[0], 'next'> & {
    requests: FixedRateRequest[];
  },
): Promise<FixedRateOutcome> {
  // The thread loads TypeScript as this process does: Backstage's transform first.
  const transform = require.resolve('@backstage/cli/config/nodeTransform.cjs');
  const worker = new Worker(
    `require(${JSON.stringify(transform)}); require(${JSON.stringify(
      require.resolve('./fixedRateLoadWorker'),
    )});`,
    { eval: true, workerData: options },
  );
  try {
    return await new Promise<FixedRateOutcome>((resolve, reject) => {
      worker.once(
        'message',
        (message: { outcome?: FixedRateOutcome; error?: string }) =>
          message.outcome
            ? resolve(message.outcome)
            : reject(new Error(`fixed-rate load thread: ${message.error}`)),
      );
      worker.once('error', reject);
      worker.once('exit', code =>
        reject(new Error(`fixed-rate load thread exited with ${code}`)),
      );
    });
  } finally {
    await worker.terminate();
  }
}
