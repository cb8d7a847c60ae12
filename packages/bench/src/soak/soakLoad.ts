import {
  randomHex,
  Random,
  seededRandom,
} from '@release-orchestration/demo-data';

/** A replica the load talks to. */
export interface SoakReplica {
  baseUrl: string;
  token: string;
}

/** Kinds of write the load makes; each carries a unique marker the end check counts. */
export type SoakWriteKind = 'build' | 'deployment' | 'incident' | 'release';

/** One request to make. */
export interface SoakOperation {
  /** Route label, e.g. `POST /builds`. */
  route: string;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** For writes: what it creates, the marker the end check finds it by, and its Idempotency-Key. */
  write?: { kind: SoakWriteKind; marker: string; key: string };
}

/** One answered (or failed) attempt. */
export interface RequestRecord {
  /** When the attempt started (epoch ms). */
  at: number;
  /** Index of the replica that got it. */
  replica: number;
  route: string;
  ms: number;
  /** HTTP status; 0 for a network error or a timeout. */
  status: number;
  /** 1 for the first attempt, 2.. for retries. */
  attempt: number;
}

/** What the load needs of the installation: Systems, their components and a release of each to deploy. */
export interface SoakTargets {
  systems: Array<{ ref: string; components: string[]; releaseId: string }>;
  /** The fixed DORA window (of the generated history), so reads do the same work all run long. */
  window: { from: string; to: string };
}

/**
 * The mix of one second at 50 requests/s: writes (builds, deployments mostly into dev, an
 * incident, a release cut) and the reads of the portal (a System's environments view, DORA of a
 * System and of the organisation, the release list). Other rates scale it.
 */
export const SOAK_MIX: Array<[SoakOperationKind, number]> = [
  ['build', 12],
  ['deployment', 14],
  ['incident', 1],
  ['release', 1],
  ['environments', 14],
  ['dora-system', 5],
  ['dora-org', 1],
  ['releases', 2],
];

/** The operations of {@link SOAK_MIX}. */
export type SoakOperationKind =
  | 'build'
  | 'deployment'
  | 'incident'
  | 'release'
  | 'environments'
  | 'dora-system'
  | 'dora-org'
  | 'releases';

const LANES = [
  'dev',
  'dev',
  'dev',
  'dev',
  'dev',
  'dev',
  'staging',
  'staging',
  'staging',
  'production',
];

/** The sequence of operation kinds one cycle of the mix issues, spread out rather than in blocks. */
export function mixSequence(
  mix: Array<[SoakOperationKind, number]>,
  seed = 1,
): SoakOperationKind[] {
  const random = seededRandom(`soak-mix|${seed}`);
  const sequence = mix.flatMap(([kind, n]) =>
    Array.from({ length: n }, () => kind),
  );
  for (let i = sequence.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [sequence[i], sequence[j]] = [sequence[j], sequence[i]];
  }
  return sequence;
}

/** Makes the requests of the mix; every write is new and carries the run's marker. */
export class SoakOperations {
  private n = 0;
  private readonly random: Random;
  private readonly sequence: SoakOperationKind[];

  constructor(
    private readonly targets: SoakTargets,
    readonly run: string,
    seed = 1,
  ) {
    if (targets.systems.length === 0) {
      throw new Error('the soak needs at least one System with a release');
    }
    this.random = seededRandom(`soak|${run}|${seed}`);
    this.sequence = mixSequence(SOAK_MIX, seed);
  }

  /** The marker of the i-th write of this run (also its Idempotency-Key). */
  marker(i: number) {
    return `soak-${this.run}-${i}`;
  }

  next(): SoakOperation {
    const i = this.n++;
    const kind = this.sequence[i % this.sequence.length];
    const system =
      this.targets.systems[
        Math.floor(i / this.sequence.length + i) % this.targets.systems.length
      ];
    const [namespace, name] = system.ref.replace(/^system:/, '').split('/');
    const window = `from=${encodeURIComponent(
      this.targets.window.from,
    )}&to=${encodeURIComponent(this.targets.window.to)}`;
    const marker = this.marker(i);
    const now = Date.now();
    switch (kind) {
      case 'build': {
        const component = system.components[i % system.components.length];
        const version = `3.0.0-soak.${this.run}.${i}`;
        const head = randomHex(this.random, 20);
        return {
          route: 'POST /builds',
          method: 'POST',
          path: '/builds',
          body: {
            component,
            version,
            artifactUri: `registry.example.com/soak:${this.run}-${i}`,
            artifactDigest: `sha256:${randomHex(this.random, 32)}`,
            commitSha: head,
            commitTime: new Date(now - 600_000).toISOString(),
            commits: [
              {
                sha: randomHex(this.random, 20),
                time: new Date(now - 3_600_000).toISOString(),
                message: 'Soak change',
              },
              {
                sha: head,
                time: new Date(now - 600_000).toISOString(),
                message: 'Soak change',
              },
            ],
          },
          write: {
            kind: 'build',
            marker: `${component}@${version}`,
            key: marker,
          },
        };
      }
      case 'deployment':
        return {
          route: 'POST /deployments',
          method: 'POST',
          path: '/deployments',
          body: {
            idempotencyKey: marker,
            // Drawn, not by position: by position every production deployment went to one replica
            // (the round robin per route and the ten lanes are both even).
            environment: LANES[Math.floor(this.random.next() * LANES.length)],
            releaseId: system.releaseId,
            status: this.random.next() < 0.96 ? 'succeeded' : 'failed',
          },
          write: { kind: 'deployment', marker, key: marker },
        };
      case 'incident':
        return {
          route: 'POST /incidents',
          method: 'POST',
          path: '/incidents',
          body: {
            externalId: marker,
            source: 'soak',
            system: system.ref,
            environment: 'production',
            title: `Soak incident ${i}`,
            openedAt: new Date(now - 600_000).toISOString(),
            resolvedAt: new Date(now - 60_000).toISOString(),
          },
          write: { kind: 'incident', marker, key: marker },
        };
      case 'release':
        return {
          route: 'POST /releases',
          method: 'POST',
          path: '/releases',
          // The newest build of each component of the System.
          body: { system: system.ref, version: marker, notes: 'Soak release' },
          write: {
            kind: 'release',
            marker: `${system.ref}@${marker}`,
            key: marker,
          },
        };
      case 'environments':
        return {
          route: 'GET /systems/{ns}/{name}/environments',
          method: 'GET',
          path: `/systems/${namespace}/${name}/environments`,
        };
      case 'dora-system':
        return {
          route: 'GET /dora?entity=<System>',
          method: 'GET',
          path: `/dora?entity=${encodeURIComponent(system.ref)}&${window}`,
        };
      case 'dora-org':
        return {
          route: 'GET /dora?entity=org',
          method: 'GET',
          path: `/dora?entity=org&${window}`,
        };
      case 'releases':
        return {
          route: 'GET /releases?system=',
          method: 'GET',
          path: `/releases?system=${encodeURIComponent(system.ref)}`,
        };
      default:
        throw new Error(`unknown operation ${kind satisfies never}`);
    }
  }
}

/** Attempts of a request before it is given up: the first and three retries. */
export const MAX_ATTEMPTS = 4;
/** How long an attempt may take by default. */
export const TIMEOUT_MS = 30_000;

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * An open-loop load: requests start at a steady `rate` per second whatever the answers take (as
 * CI and browsers do), alternating between the replicas. A network error, timeout or 5xx is
 * retried on the other replica with the same body and Idempotency-Key; a write is accepted once
 * an attempt gets a 2xx, and in doubt when every attempt failed that way.
 */
export class SoakLoad {
  readonly records: RequestRecord[] = [];
  readonly accepted = new Map<SoakWriteKind, Set<string>>();
  readonly inDoubt = new Map<SoakWriteKind, Set<string>>();
  /** Final failures: a 4xx, or every attempt failed. */
  readonly failures: Array<{ route: string; status: number; body: string }> =
    [];
  /** Requests that ended without a 2xx. */
  failed = 0;
  /** Requests not started because `maxInFlight` were still open (the backends fell behind by a whole timeout). */
  dropped = 0;
  inFlight = 0;
  private readonly turns = new Map<string, number>();
  /** Attempts open on each replica. */
  private readonly openOn: number[];
  /** Replicas taken out of the rotation (e.g. while one writes a heap snapshot). */
  private readonly paused = new Set<number>();

  constructor(
    private readonly replicas: SoakReplica[],
    private readonly operations: { next(): SoakOperation },
    private readonly options: {
      rate: number;
      maxInFlight?: number;
      /** Per attempt; default {@link TIMEOUT_MS}. */
      timeoutMs?: number;
      /** Before attempt n + 1, wait n times this; default 250 ms. */
      backoffMs?: number;
    },
  ) {
    this.openOn = replicas.map(() => 0);
  }

  /**
   * Takes a replica out of the rotation, as a load balancer would before it is inspected, and
   * resolves once its open attempts have finished (at most a request timeout).
   */
  async drain(replica: number): Promise<void> {
    this.paused.add(replica);
    const until = Date.now() + this.timeoutMs;
    while (this.openOn[replica] > 0 && Date.now() < until) {
      await sleep(50);
    }
  }

  /** Puts a drained replica back into the rotation. */
  resume(replica: number) {
    this.paused.delete(replica);
  }

  private get timeoutMs() {
    return this.options.timeoutMs ?? TIMEOUT_MS;
  }

  /** The n-th replica of the rotation, skipping paused ones (unless all are). */
  private pick(n: number): number {
    for (let k = 0; k < this.replicas.length; k++) {
      const replica = (n + k) % this.replicas.length;
      if (!this.paused.has(replica)) {
        return replica;
      }
    }
    return n % this.replicas.length;
  }

  /** Runs the load for `durationMs` from now, then waits for the requests still open. */
  async run(
    durationMs: number,
    shouldStop: () => boolean = () => false,
  ): Promise<void> {
    const start = Date.now();
    let issued = 0;
    const open = new Set<Promise<void>>();
    // By default as many as a request timeout lets pile up: none is dropped before it could time out.
    const maxInFlight =
      this.options.maxInFlight ??
      Math.ceil((this.options.rate * this.timeoutMs) / 1000);
    while (Date.now() - start < durationMs && !shouldStop()) {
      const due = Math.floor(((Date.now() - start) / 1000) * this.options.rate);
      while (issued < due) {
        issued++;
        const operation = this.operations.next();
        if (this.inFlight >= maxInFlight) {
          this.dropped++;
          continue;
        }
        // Round robin per route, so every route loads every replica alike.
        const turn = this.turns.get(operation.route) ?? 0;
        this.turns.set(operation.route, turn + 1);
        const p = this.send(operation, turn % this.replicas.length).finally(
          () => open.delete(p),
        );
        open.add(p);
      }
      await sleep(10);
    }
    await Promise.all(open);
  }

  private async send(
    operation: SoakOperation,
    firstReplica: number,
  ): Promise<void> {
    this.inFlight++;
    try {
      const key = operation.write?.key;
      let last = { status: 0, body: '' };
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const replica = this.pick(firstReplica + attempt - 1);
        this.openOn[replica]++;
        const { baseUrl, token } = this.replicas[replica];
        const at = Date.now();
        const t0 = performance.now();
        let status = 0;
        let body = '';
        // Our own timer (not AbortSignal.timeout) and a hard deadline on top: an attempt always
        // ends, even if the abort does not reach a request stuck in the HTTP client.
        const controller = new AbortController();
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            controller.abort();
            setTimeout(
              () =>
                reject(new Error(`no answer in ${this.timeoutMs / 1000} s`)),
              1000,
            );
          }, this.timeoutMs);
        });
        deadline.catch(() => {});
        try {
          const answer = (async () => {
            const response = await fetch(`${baseUrl}${operation.path}`, {
              method: operation.method,
              headers: {
                authorization: `Bearer ${token}`,
                ...(operation.body !== undefined
                  ? { 'content-type': 'application/json' }
                  : {}),
                ...(key ? { 'idempotency-key': key } : {}),
              },
              body:
                operation.body === undefined
                  ? undefined
                  : JSON.stringify(operation.body),
              signal: controller.signal,
            });
            return { status: response.status, body: await response.text() };
          })();
          answer.catch(() => {});
          ({ status, body } = await Promise.race([answer, deadline]));
        } catch (error) {
          status = 0;
          body = String((error as Error)?.message ?? error);
        } finally {
          clearTimeout(timer);
        }
        this.openOn[replica]--;
        this.records.push({
          at,
          replica,
          route: operation.route,
          ms: performance.now() - t0,
          status,
          attempt,
        });
        last = { status, body };
        if (status >= 200 && status < 300) {
          if (operation.write) {
            this.setOf(this.accepted, operation.write.kind).add(
              operation.write.marker,
            );
          }
          return;
        }
        if (status !== 0 && status < 500 && status !== 429) {
          break;
        }
        await sleep((this.options.backoffMs ?? 250) * attempt);
      }
      if (
        operation.write &&
        (last.status === 0 || last.status >= 500 || last.status === 429)
      ) {
        this.setOf(this.inDoubt, operation.write.kind).add(
          operation.write.marker,
        );
      }
      this.failed++;
      if (this.failures.length < 50) {
        this.failures.push({
          route: operation.route,
          status: last.status,
          body: last.body.slice(0, 300),
        });
      }
    } finally {
      this.inFlight--;
    }
  }

  private setOf(map: Map<SoakWriteKind, Set<string>>, kind: SoakWriteKind) {
    let set = map.get(kind);
    if (!set) {
      set = new Set();
      map.set(kind, set);
    }
    return set;
  }
}
