import autocannon from 'autocannon';
import { BenchBackend } from '../backend/startBenchBackend';
import type { RateResult } from '../measure/report';

/**
 * Single reports at a fixed overall rate (default 100/s: builds and deployments alternating,
 * deployments one in ten into production), each a new body, for `seconds`: the latency a
 * pipeline sees when the backend is not saturated. autocannon corrects for coordinated omission
 * (a request sent late because the one before was slow counts from when it was due).
 */
export async function measureRate(
  backend: BenchBackend,
  options: {
    rate: number;
    seconds: number;
    connections: number;
    build: () => unknown;
    deployment: () => unknown;
  },
): Promise<RateResult> {
  const base = new URL(backend.baseUrl).pathname;
  let n = 0;
  const result = await autocannon({
    url: `${backend.baseUrl}/builds`,
    method: 'POST',
    connections: options.connections,
    duration: options.seconds,
    overallRate: options.rate,
    headers: {
      authorization: `Bearer ${backend.token}`,
      'content-type': 'application/json',
    },
    requests: [
      {
        setupRequest: req => {
          const build = n++ % 2 === 0;
          return {
            ...req,
            path: `${base}/${build ? 'builds' : 'deployments'}`,
            body: JSON.stringify(
              build ? options.build() : options.deployment(),
            ),
          };
        },
      },
    ],
  });
  return {
    route: 'POST /builds and POST /deployments, alternating',
    rate: options.rate,
    achievedRate:
      Math.round((result.requests.total / result.duration) * 10) / 10,
    seconds: result.duration,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
  };
}
