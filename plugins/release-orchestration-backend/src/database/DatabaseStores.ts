import { isPostgres } from './dialect';
import { queryOneAtATime } from './queryOneAtATime';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { DatabaseAuditStore } from './DatabaseAuditStore';
import { DatabaseBuildStore } from './DatabaseBuildStore';
import { DatabaseDeploymentStore } from './DatabaseDeploymentStore';
import { DatabaseDriftStore } from './DatabaseDriftStore';
import { DatabaseReleaseStore } from './DatabaseReleaseStore';
import { DatabaseEvidenceStore } from './DatabaseEvidenceStore';
import { DatabaseFreezeStore } from './DatabaseFreezeStore';
import { DatabaseRecurringFreezeStore } from './DatabaseRecurringFreezeStore';
import { DatabasePromotionStore } from './DatabasePromotionStore';
import { DatabaseDoraDeferralStore } from './DatabaseDoraDeferralStore';
import { DatabaseDoraFactStore } from './DatabaseDoraFactStore';
import { DatabaseDoraMetricsStore } from './DatabaseDoraMetricsStore';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { DatabaseIdempotencyStore } from './DatabaseIdempotencyStore';
import { DatabaseSourceStore } from './DatabaseSourceStore';
import {
  activeIdempotencyClaim,
  IdempotencyKeyTakenError,
} from '../idempotency/idempotencyScope';
import { AuditChainOptions, Stores } from './types';

/** The plugin's knex migrations. */
const MIGRATIONS_DIR = resolvePackagePath(
  '@release-orchestration/plugin-release-orchestration-backend',
  'migrations',
);

/** Applies the plugin's migrations to a database. */
export async function applyMigrations(knex: Knex) {
  await knex.migrate.latest({ directory: MIGRATIONS_DIR });
}

/** The migration that creates `running_components` and derives it from the deployment history. */
const RUNNING_COMPONENTS_MIGRATION = '20261123040000_running_components.js';

/**
 * Derives `running_components` again from the deployment history by undoing and re-applying its
 * migration, as upgrading an installation does: for deployments written around the stores (bulk
 * loads), and for testing the backfill.
 */
export async function rederiveRunningComponents(knex: Knex) {
  await knex.migrate.down({
    directory: MIGRATIONS_DIR,
    name: RUNNING_COMPONENTS_MIGRATION,
  });
  await applyMigrations(knex);
}

/** All stores bound to one knex connection or transaction. */
export class DatabaseStores implements Stores {
  readonly builds: DatabaseBuildStore;
  readonly releases: DatabaseReleaseStore;
  readonly audit: DatabaseAuditStore;
  readonly deployments: DatabaseDeploymentStore;
  readonly drift: DatabaseDriftStore;
  readonly incidents: DatabaseIncidentStore;
  readonly doraFacts: DatabaseDoraFactStore;
  readonly doraDeferred: DatabaseDoraDeferralStore;
  readonly doraMetrics: DatabaseDoraMetricsStore;
  readonly evidence: DatabaseEvidenceStore;
  readonly promotions: DatabasePromotionStore;
  readonly freezes: DatabaseFreezeStore;
  readonly recurringFreezes: DatabaseRecurringFreezeStore;
  readonly idempotency: DatabaseIdempotencyStore;
  readonly sources: DatabaseSourceStore;

  /** Connects to the plugin's database and migrates it unless migrations are skipped. */
  static async create(options: {
    database: DatabaseService;
    audit?: AuditChainOptions;
  }): Promise<DatabaseStores> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await applyMigrations(knex);
    }
    return new DatabaseStores(knex, false, options.audit);
  }

  /** Wraps an already migrated knex instance (tests, benchmarks). */
  static fromKnex(knex: Knex, audit?: AuditChainOptions): DatabaseStores {
    return new DatabaseStores(knex, false, audit);
  }

  private constructor(
    private readonly db: Knex,
    deferAudit = false,
    private readonly auditOptions?: AuditChainOptions,
  ) {
    this.builds = new DatabaseBuildStore(db);
    this.releases = new DatabaseReleaseStore(db);
    this.audit = new DatabaseAuditStore(db, deferAudit, auditOptions);
    this.deployments = new DatabaseDeploymentStore(db);
    this.drift = new DatabaseDriftStore(db);
    this.incidents = new DatabaseIncidentStore(db);
    this.doraFacts = new DatabaseDoraFactStore(db);
    this.doraDeferred = new DatabaseDoraDeferralStore(db);
    this.doraMetrics = new DatabaseDoraMetricsStore(db);
    this.evidence = new DatabaseEvidenceStore(db);
    this.promotions = new DatabasePromotionStore(db);
    this.freezes = new DatabaseFreezeStore(db);
    this.recurringFreezes = new DatabaseRecurringFreezeStore(db);
    this.idempotency = new DatabaseIdempotencyStore(db);
    this.sources = new DatabaseSourceStore(db);
  }

  /**
   * Whether transactions can write at once (PostgreSQL, with row locks) rather than one after
   * another (SQLite has a single writer).
   */
  get concurrentWriters(): boolean {
    return isPostgres(this.db);
  }

  async transaction<T>(fn: (tx: Stores) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) {
      return fn(this);
    }
    // The request's Idempotency-Key (if any) is claimed first, so that a concurrent request with
    // the same key waits here, and commits with the change. Audit events are chained last, just
    // before commit (see DatabaseAuditStore).
    const claim = activeIdempotencyClaim();
    let recordedSubject = false;
    let txAudit: DatabaseAuditStore | undefined;
    const result = await this.db.transaction(async trx => {
      queryOneAtATime(trx);
      const stores = new DatabaseStores(trx, true, this.auditOptions);
      txAudit = stores.audit;
      if (
        claim &&
        !claim.committed &&
        !(await stores.idempotency.claim(claim, new Date().toISOString()))
      ) {
        throw new IdempotencyKeyTakenError(claim);
      }
      const value = await fn(stores);
      const [subject] = stores.audit.pendingSubjects();
      if (claim && !claim.subjectRecorded && subject) {
        await stores.idempotency.setSubject(claim, subject);
        recordedSubject = true;
      }
      await stores.audit.chainPending();
      return value;
    });
    if (claim) {
      claim.committed = true;
      claim.subjectRecorded ||= recordedSubject;
    }
    txAudit?.committed();
    return result;
  }
}
