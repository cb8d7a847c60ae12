import os from 'node:os';
import autocannon from 'autocannon';
import { BenchBackend } from '../backend/startBenchBackend';
import { CpuShare, startCpuShare } from '../measure/cpu';
import { memoryBetween, MemoryStats } from '../measure/memory';
import { LatencySummary, timeIt } from '../measure/percentiles';

/** A GET against the running backend, timed one request at a time (keep-alive, warm). */
export async function timeHttpGet(
  backend: BenchBackend,
  path: string,
  options: { warmup: number; iterations: number },
): Promise<LatencySummary> {
  const get = async () => {
    const response = await fetch(`${backend.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${backend.token}` },
    });
    const body = await response.text();
    if (response.status !== 200) {
      throw new Error(`GET ${path}: ${response.status} ${body.slice(0, 300)}`);
    }
  };
  return timeIt(get, options);
}

/** What an ingest load did: throughput, latency, errors, and the backend's memory and CPU. */
export interface IngestResult {
  route: string;
  connections: number;
  seconds: number;
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  reportsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  memory?: MemoryStats;
  idleMemory?: MemoryStats;
  backendCpuSeconds: number;
  /** Backend CPU time per answered report. */
  backendCpuMsPerReport: number;
  /** Where the machine's CPU went during the load: backend, PostgreSQL, the load tool. */
  cpu?: CpuShare;
  statusCodes: Record<string, number>;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Loads one POST route of the backend with autocannon for `seconds`, each request with a new
 * body, and reads the backend's memory before (idle) and during the load.
 */
export async function runIngest(
  backend: BenchBackend,
  options: {
    path: string;
    label?: string;
    body: () => unknown;
    seconds: number;
    connections: number;
  },
): Promise<IngestResult> {
  const idleFrom = Date.now();
  await sleep(2000);
  const cpuBefore = backend.cpuSeconds();
  const cpuShare = startCpuShare(backend.pid, os.availableParallelism());
  const from = Date.now();
  const result = await autocannon({
    url: `${backend.baseUrl}${options.path}`,
    method: 'POST',
    connections: options.connections,
    duration: options.seconds,
    headers: {
      authorization: `Bearer ${backend.token}`,
      'content-type': 'application/json',
    },
    requests: [
      {
        setupRequest: req => ({ ...req, body: JSON.stringify(options.body()) }),
      },
    ],
  });
  const to = Date.now();
  const cpu = backend.cpuSeconds() - cpuBefore;
  const share = cpuShare();
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [
      code,
      s.count ?? 0,
    ]),
  );
  return {
    route: options.label ?? `POST ${options.path}`,
    connections: options.connections,
    seconds: result.duration,
    requests: result.requests.total,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    reportsPerSecond: Math.round((result['2xx'] / result.duration) * 10) / 10,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    memory: memoryBetween(backend.samples, from, to),
    idleMemory: memoryBetween(backend.samples, idleFrom, from),
    backendCpuSeconds: Math.round(cpu * 100) / 100,
    backendCpuMsPerReport:
      result['2xx'] > 0
        ? Math.round((cpu * 1000 * 100) / result['2xx']) / 100
        : 0,
    cpu: share,
    statusCodes,
  };
}
