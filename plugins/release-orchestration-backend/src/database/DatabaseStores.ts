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
import { DatabasePromotionStore } from './DatabasePromotionStore';
import { DatabaseDoraFactStore } from './DatabaseDoraFactStore';
import { DatabaseDoraMetricsStore } from './DatabaseDoraMetricsStore';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { Stores } from './types';

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
  await knex.migrate.down({ directory: MIGRATIONS_DIR, name: RUNNING_COMPONENTS_MIGRATION });
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
  readonly doraMetrics: DatabaseDoraMetricsStore;
  readonly evidence: DatabaseEvidenceStore;
  readonly promotions: DatabasePromotionStore;
  readonly freezes: DatabaseFreezeStore;

  /** Connects to the plugin's database and migrates it unless migrations are skipped. */
  static async create(options: { database: DatabaseService }): Promise<DatabaseStores> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await applyMigrations(knex);
    }
    return new DatabaseStores(knex);
  }

  /** Wraps an already migrated knex instance (tests, benchmarks). */
  static fromKnex(knex: Knex): DatabaseStores {
    return new DatabaseStores(knex);
  }

  private constructor(private readonly db: Knex, deferAudit = false) {
    this.builds = new DatabaseBuildStore(db);
    this.releases = new DatabaseReleaseStore(db);
    this.audit = new DatabaseAuditStore(db, deferAudit);
    this.deployments = new DatabaseDeploymentStore(db);
    this.drift = new DatabaseDriftStore(db);
    this.incidents = new DatabaseIncidentStore(db);
    this.doraFacts = new DatabaseDoraFactStore(db);
    this.doraMetrics = new DatabaseDoraMetricsStore(db);
    this.evidence = new DatabaseEvidenceStore(db);
    this.promotions = new DatabasePromotionStore(db);
    this.freezes = new DatabaseFreezeStore(db);
  }

  async transaction<T>(fn: (tx: Stores) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) {
      return fn(this);
    }
    // Audit events are chained last, just before commit (see DatabaseAuditStore).
    return this.db.transaction(async trx => {
      const stores = new DatabaseStores(trx, true);
      const result = await fn(stores);
      await stores.audit.chainPending();
      return result;
    });
  }
}
