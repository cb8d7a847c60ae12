import {
  randomHex,
  Random,
  seededRandom,
} from '@release-orchestration/demo-data';

/** Latest releases of Systems: what ingest deployments deploy. */
export interface IngestTargets {
  releases: Array<{ id: string; systemRef: string }>;
  components: string[];
}

/** Lanes of ingested deployments, in proportion to the generated history's: mostly dev. */
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

/**
 * Request bodies of `POST /deployments` and `POST /builds` as CI/CD sends them: every body is new
 * (a fresh idempotency key, a fresh version), so each one is recorded, none is an idempotent repeat.
 */
export class IngestBodies {
  private n = 0;
  private readonly random: Random;

  constructor(
    private readonly targets: IngestTargets,
    private readonly run: string,
    seed = 1,
  ) {
    if (targets.releases.length === 0 || targets.components.length === 0) {
      throw new Error('ingest needs at least one release and one component');
    }
    this.random = seededRandom(seed);
  }

  /** A finished release deployment into a lane (one in ten into production). */
  deployment(environment?: string, status?: 'succeeded' | 'failed') {
    const i = this.n++;
    const release = this.targets.releases[i % this.targets.releases.length];
    return {
      idempotencyKey: `ingest-${this.run}-${i}`,
      environment: environment ?? LANES[i % LANES.length],
      releaseId: release.id,
      status: status ?? (this.random.next() < 0.96 ? 'succeeded' : 'failed'),
    };
  }

  /** A new build of a component, with two commits. */
  build() {
    const i = this.n++;
    const now = Date.now();
    const head = randomHex(this.random, 20);
    return {
      component: this.targets.components[i % this.targets.components.length],
      version: `2.0.0-ingest.${this.run}.${i}`,
      artifactUri: `registry.example.com/ingest:${this.run}-${i}`,
      artifactDigest: `sha256:${randomHex(this.random, 32)}`,
      commitSha: head,
      commitTime: new Date(now - 600_000).toISOString(),
      commits: [
        {
          sha: randomHex(this.random, 20),
          time: new Date(now - 3_600_000).toISOString(),
          message: 'Bench change',
        },
        {
          sha: head,
          time: new Date(now - 600_000).toISOString(),
          message: 'Bench change',
        },
      ],
    };
  }
}
