import { ExactlyOnceResult } from './exactlyOnce';
import { LatencyVerdict, MemoryVerdict } from './verdict';

/** Latency of one route over a period. */
export interface RouteStats {
  n: number;
  p50: number;
  p99: number;
  /** Attempts without a 2xx. */
  errors: number;
}

/** One replica during one minute of the soak. */
export interface ReplicaMinute {
  /** Mean of the 4 readings a second in the minute (process.memoryUsage). */
  rssMiB: number;
  heapUsedMiB: number;
  /** Lowest heap used in the minute: the floor after GC, where retained growth shows first. */
  heapUsedMinMiB: number;
  /** Means in the minute: the heap V8 has reserved, and memory outside it (Buffers). */
  heapTotalMiB: number;
  externalMiB: number;
  /** Event loop delay in the minute (perf_hooks.monitorEventLoopDelay, 10 ms resolution). */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** The replica's connections to PostgreSQL at the minute's end (pg_stat_activity by application_name). */
  dbConnections: { total: number; active: number };
  /** CPU the process used in the minute, in % of one core. */
  cpuPercent: number;
  requests: number;
  errors: number;
  /** p99 of all writes (POST) and of all reads (GET) the replica answered in the minute. */
  writeP99Ms: number;
  readP99Ms: number;
  routes: Record<string, RouteStats>;
}

/** One minute of the soak. */
export interface SoakMinute {
  minute: number;
  at: string;
  loadAverage: number;
  replicas: ReplicaMinute[];
}

/** Everything a soak measured; written as JSON beside the Markdown. */
export interface SoakResults {
  generatedAt: string;
  command: string;
  durationMs: number;
  rate: number;
  run: string;
  machine: Record<string, string | number>;
  installation: {
    database: string;
    scale: number;
    rows: number;
    counts: Record<string, number>;
  };
  replicas: Array<{ name: string; baseUrl: string; startSeconds: number }>;
  minutes: SoakMinute[];
  totals: {
    requests: number;
    attempts: number;
    /** Attempts without a 2xx (each retry counted). */
    errors: number;
    /** Requests that never got a 2xx. */
    failed: number;
    retries: number;
    dropped: number;
    statusCodes: Record<string, number>;
    failures: Array<{ route: string; status: number; body: string }>;
  };
  /**
   * The latency verdicts that decide: per replica, its writes and its reads, each pooled over
   * routes (last third vs middle third).
   */
  latency: Array<{
    replica: number;
    kind: 'writes' | 'reads';
    stats: RouteStats;
    verdict: LatencyVerdict;
  }>;
  /**
   * Per route and replica, over the whole run, with the same comparison; shown, not deciding:
   * a route's p99 in a third rests on few requests (a few dozen for the rare ones).
   */
  routes: Array<{
    route: string;
    replica: number;
    stats: RouteStats;
    verdict: LatencyVerdict;
  }>;
  memory: Array<{
    replica: number;
    rss: MemoryVerdict;
    heapUsed: MemoryVerdict;
  }>;
  exactlyOnce: Array<{
    kind: string;
    rows: ExactlyOnceResult;
    auditEvents: ExactlyOnceResult;
  }>;
  audit: {
    valid: boolean;
    checkedEvents: number;
    breakCount: number;
    reason?: string;
    seconds: number;
  };
  heapSnapshots: string[];
  pass: boolean;
  /** Why it did not pass, one line each. */
  problems: string[];
}
