import { randomHex, Random, seededRandom } from '../model/random';

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
            environment: LANES[i % LANES.length],
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
const TIMEOUT_MS = 30_000;

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
  /** Requests not started because `maxInFlight` were still open (the load outran the backends). */
  dropped = 0;
  inFlight = 0;
  private issued = 0;

  constructor(
    private readonly replicas: SoakReplica[],
    private readonly operations: { next(): SoakOperation },
    private readonly options: { rate: number; maxInFlight?: number },
  ) {}

  /** Runs the load for `durationMs` from now, then waits for the requests still open. */
  async run(
    durationMs: number,
    shouldStop: () => boolean = () => false,
  ): Promise<void> {
    const start = Date.now();
    const open = new Set<Promise<void>>();
    const maxInFlight = this.options.maxInFlight ?? 200;
    while (Date.now() - start < durationMs && !shouldStop()) {
      const due = Math.floor(((Date.now() - start) / 1000) * this.options.rate);
      while (this.issued < due) {
        const i = this.issued++;
        const operation = this.operations.next();
        if (this.inFlight >= maxInFlight) {
          this.dropped++;
          continue;
        }
        const p = this.send(operation, i % this.replicas.length).finally(() =>
          open.delete(p),
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
        const replica = (firstReplica + attempt - 1) % this.replicas.length;
        const { baseUrl, token } = this.replicas[replica];
        const at = Date.now();
        const t0 = performance.now();
        let status = 0;
        let body = '';
        try {
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
            signal: AbortSignal.timeout(TIMEOUT_MS),
          });
          body = await response.text();
          status = response.status;
        } catch (error) {
          body = String((error as Error)?.message ?? error);
        }
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
        await sleep(250 * attempt);
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
