import { BenchBackend } from '../backend/startBenchBackend';
import {
  fixedRateLoadInWorker,
  FixedRateRequest,
  latencyPercentiles,
} from '../load/fixedRateLoad';
import type { RateResult } from '../measure/report';

/**
 * Single reports at a fixed overall rate (default 100/s: builds and deployments alternating,
 * deployments one in ten into production), each a new body, for `seconds`: the latency a
 * pipeline sees when the backend is not saturated. The requests are evenly spaced and sent
 * whatever the answers ({@link fixedRateLoad}); each latency counts from when its request was
 * due; a warm-up at the same rate comes first and is reported apart. The bodies are made first and
 * sent from a thread of its own ({@link fixedRateLoadInWorker}), since 7 December: in the same
 * thread as the rest of the benchmark, its garbage collection held sends up to 47 ms late. Until 6
 * December this part used autocannon's `overallRate`, which sends each second's budget in bursts
 * of its 10 connections at the start of the second.
 */
export async function measureRate(
  backend: BenchBackend,
  options: {
    rate: number;
    seconds: number;
    warmupSeconds: number;
    build: () => unknown;
    deployment: () => unknown;
  },
): Promise<RateResult> {
  // Every body made beforehand (each new), and sent from a thread of its own.
  const requests: FixedRateRequest[] = Array.from(
    {
      length:
        Math.round(options.rate * options.warmupSeconds) +
        Math.round(options.rate * options.seconds),
    },
    (_, n) => {
      const build = n % 2 === 0;
      return {
        path: build ? '/builds' : '/deployments',
        body: JSON.stringify(build ? options.build() : options.deployment()),
      };
    },
  );
  const outcome = await fixedRateLoadInWorker({
    baseUrl: backend.baseUrl,
    rate: options.rate,
    seconds: options.seconds,
    warmupSeconds: options.warmupSeconds,
    headers: {
      authorization: `Bearer ${backend.token}`,
      'content-type': 'application/json',
    },
    requests,
  });
  return {
    route: 'POST /builds and POST /deployments, alternating',
    rate: options.rate,
    achievedRate: Math.round((outcome.sent / outcome.seconds) * 10) / 10,
    seconds: Math.round(outcome.seconds * 100) / 100,
    ok: outcome.ok,
    non2xx: outcome.non2xx,
    errors: outcome.errors,
    latencyMs: latencyPercentiles(outcome.latencies),
    generatorLagMs: Math.round(outcome.maxSendLagMs * 10) / 10,
    warmup: {
      seconds: options.warmupSeconds,
      requests: outcome.warmupLatencies.length,
      ...(outcome.warmupLatencies.length > 0
        ? { latencyMs: latencyPercentiles(outcome.warmupLatencies) }
        : {}),
    },
  };
}
