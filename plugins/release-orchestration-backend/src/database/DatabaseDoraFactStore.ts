import { Knex } from 'knex';
import { compareCodePoints } from './compareCodePoints';
import { isPostgres, rawRows, rowsPerInsert, valuesList } from './dialect';
import { insertRows } from './insertRows';
import { utcDay } from '../service/dora/doraCalendar';
import {
  DoraFactStore,
  LeadTimeFact,
  NewDeploymentFact,
} from './doraStoreTypes';
import { leadTimeBucket } from './leadTimeBucket';
import { lockKey, lockKeys } from './lockKey';
import { toIso } from './timestamps';

const CHUNK = 500;

/**
 * How much later than a deployment a commit may be dated and still count as carried by it: the
 * clocks of developers' machines (commit times) and of pipelines (deployment times) differ a little.
 */
export const COMMIT_CLOCK_SKEW_MS = 15 * 60 * 1000;

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    result.push(items.slice(i, i + CHUNK));
  }
  return result;
}

/** A deployment's recomputed failure columns (see refreshFailures). */
type FailureRow = {
  deployment_id: string;
  incident_count: number;
  failure_started_at: string | null;
  restored_at: string | null;
  restored_by: string | null;
};

/** Knex implementation of {@link DoraFactStore}. */
export class DatabaseDoraFactStore implements DoraFactStore {
  /**
   * The Systems this transaction holds the lock of: a transaction-scoped lock lasts until commit
   * (nested transactions run in the outer one, without savepoints), so a bulk import's later
   * waves do not ask again.
   */
  private readonly held = new Set<string>();

  /**
   * The earliest `first_deployed_at` this transaction wrote per System: a later deployment of the
   * System cannot lower it, so its upsert is left out.
   */
  private readonly firstDeployed = new Map<string, number>();

  constructor(private readonly db: Knex) {}

  async lockSystem(systemRef: string) {
    await this.lockSystems([systemRef]);
  }

  async lockSystems(systemRefs: string[]) {
    const inTransaction = this.db.isTransaction === true;
    const needed = inTransaction
      ? systemRefs.filter(systemRef => !this.held.has(systemRef))
      : systemRefs;
    if (needed.length === 1) {
      await lockKey(this.db, `dora:${needed[0]}`);
    } else if (needed.length > 1) {
      await lockKeys(
        this.db,
        needed.map(systemRef => `dora:${systemRef}`),
      );
    }
    if (inTransaction) {
      for (const systemRef of needed) this.held.add(systemRef);
    }
  }

  async getSetting(key: string) {
    const row = await this.db('dora_settings').where({ key }).first('value');
    return row?.value as string | undefined;
  }

  async setSetting(key: string, value: string) {
    await this.db('dora_settings')
      .insert({ key, value })
      .onConflict('key')
      .merge({ value });
  }

  async clear() {
    this.firstDeployed.clear();
    for (const table of [
      'dora_lead_time_histogram',
      'dora_deployment_lead_times',
      'dora_lead_times',
      'dora_deployment_facts',
      'dora_systems',
    ]) {
      await this.db(table).delete();
    }
  }

  async insertDeploymentFact(fact: NewDeploymentFact) {
    const row = {
      deployment_id: fact.deploymentId,
      system_ref: fact.systemRef,
      release_id: fact.releaseId ?? null,
      deployed_at: fact.deployedAt,
      day: utcDay(fact.deployedAt),
      succeeded: fact.succeeded,
      rollback: fact.rollback,
      hotfix: fact.hotfix,
      incident_count: 0,
      restores_service: false,
      // What refreshCommitData would find: the deployment's components are stored with it, so
      // the fact is born with its final value (a build reported later refreshes it again).
      commit_data: this.commitDataOf(fact.deploymentId),
    };
    if (isPostgres(this.db)) {
      // One statement (this runs per production deployment report): the fact when the deployment
      // has none yet, and the System's first deployment time moved earlier only by a new fact.
      const inserted = await this.db
        .with(
          'f',
          this.db('dora_deployment_facts')
            .insert(row)
            .onConflict('deployment_id')
            .ignore()
            .returning('deployment_id'),
        )
        .with(
          's',
          this.db.raw(
            `INSERT INTO dora_systems (system_ref, first_deployed_at)
             SELECT ?, ?::timestamptz FROM f
             ON CONFLICT (system_ref) DO UPDATE SET first_deployed_at = EXCLUDED.first_deployed_at
             WHERE dora_systems.first_deployed_at > EXCLUDED.first_deployed_at`,
            [fact.systemRef, fact.deployedAt],
          ),
        )
        .select('deployment_id')
        .from('f');
      return inserted.length === 1;
    }
    // Callers hold the System's lock, so nothing can insert between this check and the insert.
    if (
      await this.db('dora_deployment_facts')
        .where({ deployment_id: fact.deploymentId })
        .first('deployment_id')
    ) {
      return false;
    }
    await this.db('dora_deployment_facts').insert(row);
    await this.db('dora_systems')
      .insert({
        system_ref: fact.systemRef,
        first_deployed_at: fact.deployedAt,
      })
      .onConflict('system_ref')
      .ignore();
    await this.db('dora_systems')
      .where('system_ref', fact.systemRef)
      .where('first_deployed_at', '>', fact.deployedAt)
      .update({ first_deployed_at: fact.deployedAt });
    return true;
  }

  async insertDeploymentFacts(facts: NewDeploymentFact[]) {
    const existing = new Set<string>();
    for (const part of chunks(facts)) {
      const rows = await this.db('dora_deployment_facts')
        .whereIn(
          'deployment_id',
          part.map(f => f.deploymentId),
        )
        .select('deployment_id');
      for (const row of rows) {
        existing.add(row.deployment_id);
      }
    }
    const fresh = facts.filter(f => !existing.has(f.deploymentId));
    const perInsert = rowsPerInsert(this.db);
    for (let i = 0; i < fresh.length; i += perInsert) {
      const part = fresh.slice(i, i + perInsert);
      await insertRows(
        this.db,
        'dora_deployment_facts',
        part.map(fact => ({
          deployment_id: fact.deploymentId,
          system_ref: fact.systemRef,
          release_id: fact.releaseId ?? null,
          deployed_at: fact.deployedAt,
          day: utcDay(fact.deployedAt),
          succeeded: fact.succeeded,
          rollback: fact.rollback,
          hotfix: fact.hotfix,
          incident_count: 0,
          restores_service: false,
          commit_data: false,
        })),
      );
      const first = new Map<string, string>();
      for (const fact of part) {
        const known = first.get(fact.systemRef);
        if (!known || Date.parse(fact.deployedAt) < Date.parse(known)) {
          first.set(fact.systemRef, fact.deployedAt);
        }
      }
      if (this.db.isTransaction === true) {
        for (const [systemRef, at] of first) {
          const written = this.firstDeployed.get(systemRef);
          if (written !== undefined && written <= Date.parse(at)) {
            first.delete(systemRef);
          } else {
            this.firstDeployed.set(systemRef, Date.parse(at));
          }
        }
        if (first.size === 0) continue;
      }
      await this.db('dora_systems')
        .insert(
          [...first].map(([system_ref, first_deployed_at]) => ({
            system_ref,
            first_deployed_at,
          })),
        )
        .onConflict('system_ref')
        .merge(['first_deployed_at'])
        .where(
          'dora_systems.first_deployed_at',
          '>',
          this.db.ref('excluded.first_deployed_at'),
        );
    }
    return new Set(fresh.map(f => f.deploymentId));
  }

  async latestFactBefore(systemRef: string, before: string, excludeId: string) {
    const row = await this.db('dora_deployment_facts')
      .where('system_ref', systemRef)
      .where('deployed_at', '<', before)
      .whereNot('deployment_id', excludeId)
      .orderBy([
        { column: 'deployed_at', order: 'desc' },
        { column: 'deployment_id', order: 'desc' },
      ])
      .first('deployment_id', 'rolled_back_by');
    return row
      ? {
          deploymentId: row.deployment_id as string,
          ...(row.rolled_back_by
            ? { rolledBackBy: row.rolled_back_by as string }
            : {}),
        }
      : undefined;
  }

  async markRolledBack(deploymentId: string, rollbackId: string) {
    await this.db('dora_deployment_facts')
      .where({ deployment_id: deploymentId })
      .update({ rolled_back_by: rollbackId });
  }

  async unrestoredFailuresBefore(systemRef: string, at: string) {
    // dora_facts_system_failure_idx: only failures are read, never the System's whole history.
    const rows = await this.db('dora_deployment_facts')
      .where('system_ref', systemRef)
      .where('failure_started_at', '<', at)
      .where('incident_count', 0)
      .where(q => q.whereNull('restored_at').orWhere('restored_at', '>', at))
      .select('deployment_id');
    return rows.map(row => row.deployment_id as string);
  }

  async unrestoredFailuresBeforeMany(
    successes: Array<{ systemRef: string; at: string }>,
  ) {
    const result = new Map<string, string[]>();
    const atBySystem = new Map<string, number>();
    for (const { systemRef, at } of successes) {
      atBySystem.set(systemRef, Date.parse(at));
      result.set(systemRef, []);
    }
    if (successes.length === 0) {
      return result;
    }
    const latest = new Date(Math.max(...atBySystem.values())).toISOString();
    for (const systems of chunks([...atBySystem.keys()])) {
      const rows = await this.db('dora_deployment_facts')
        .whereIn('system_ref', systems)
        .where('failure_started_at', '<', latest)
        .where('incident_count', 0)
        .select(
          'deployment_id',
          'system_ref',
          'failure_started_at',
          'restored_at',
        );
      for (const row of rows) {
        const at = atBySystem.get(row.system_ref)!;
        const started = Date.parse(toIso(row.failure_started_at));
        const restored = row.restored_at
          ? Date.parse(toIso(row.restored_at))
          : undefined;
        if (started < at && (restored === undefined || restored > at)) {
          result.get(row.system_ref)!.push(row.deployment_id as string);
        }
      }
    }
    return result;
  }

  async systemsWithFailuresBefore(
    systems: Array<{ systemRef: string; at: string }>,
  ) {
    const result = new Set<string>();
    const atBySystem = new Map<string, number>();
    for (const { systemRef, at } of systems) {
      atBySystem.set(
        systemRef,
        Math.max(atBySystem.get(systemRef) ?? -Infinity, Date.parse(at)),
      );
    }
    if (atBySystem.size === 0) {
      return result;
    }
    const latest = new Date(Math.max(...atBySystem.values())).toISOString();
    for (const part of chunks([...atBySystem.keys()])) {
      // dora_facts_system_failure_idx: only failures are read.
      const rows = await this.db('dora_deployment_facts')
        .whereIn('system_ref', part)
        .where('failure_started_at', '<', latest)
        .where('incident_count', 0)
        .select('system_ref', 'failure_started_at');
      for (const row of rows) {
        if (
          Date.parse(toIso(row.failure_started_at)) <
          atBySystem.get(row.system_ref)!
        ) {
          result.add(row.system_ref);
        }
      }
    }
    return result;
  }

  async refreshFailures(deploymentIds: string[]) {
    const restorers = new Set<string>();
    for (const ids of chunks([...new Set(deploymentIds)])) {
      const facts = await this.db('dora_deployment_facts')
        .whereIn('deployment_id', ids)
        .select(
          'deployment_id',
          'system_ref',
          'deployed_at',
          'succeeded',
          'rolled_back_by',
          'restored_by',
          'incident_count',
          'failure_started_at',
          'restored_at',
        );
      const incidents = await this.db('incidents')
        .whereIn('deployment_id', ids)
        .select('deployment_id', 'opened_at', 'resolved_at');
      const byDeployment = new Map<
        string,
        Array<{ openedAt: string; resolvedAt?: string }>
      >();
      for (const row of incidents) {
        const list = byDeployment.get(row.deployment_id) ?? [];
        list.push({
          openedAt: toIso(row.opened_at),
          ...(row.resolved_at ? { resolvedAt: toIso(row.resolved_at) } : {}),
        });
        byDeployment.set(row.deployment_id, list);
      }
      const changed: FailureRow[] = [];
      for (const fact of facts) {
        const mine = byDeployment.get(fact.deployment_id) ?? [];
        const failure = await this.failureOf(fact, mine);
        if (fact.restored_by) {
          restorers.add(fact.restored_by);
        }
        if (failure.restored_by) {
          restorers.add(failure.restored_by);
        }
        const stored = (value: unknown) =>
          value ? toIso(value as string | Date) : null;
        const unchanged =
          Number(fact.incident_count) === mine.length &&
          stored(fact.failure_started_at) ===
            stored(failure.failure_started_at) &&
          stored(fact.restored_at) === stored(failure.restored_at) &&
          (fact.restored_by ?? null) === failure.restored_by;
        if (!unchanged) {
          changed.push({
            deployment_id: fact.deployment_id,
            incident_count: mine.length,
            ...failure,
          });
        }
      }
      await this.updateFailures(changed);
    }
    await this.refreshRestores([...restorers]);
  }

  /** Writes recomputed failures: one statement for one row, one for up to 100. */
  private async updateFailures(rows: FailureRow[]) {
    if (rows.length === 1) {
      const [{ deployment_id, ...columns }] = rows;
      await this.db('dora_deployment_facts')
        .where({ deployment_id })
        .update(columns);
      return;
    }
    for (let i = 0; i < rows.length; i += 100) {
      const v = valuesList(
        this.db,
        ['text', 'integer', 'timestamptz', 'timestamptz', 'text'],
        rows
          .slice(i, i + 100)
          .map(row => [
            row.deployment_id,
            row.incident_count,
            row.failure_started_at,
            row.restored_at,
            row.restored_by,
          ]),
      );
      await this.db.raw(
        `with v (deployment_id, incident_count, failure_started_at, restored_at, restored_by) as (
           values ${v.sql})
         update dora_deployment_facts
         set incident_count = v.incident_count, failure_started_at = v.failure_started_at,
           restored_at = v.restored_at, restored_by = v.restored_by
         from v where dora_deployment_facts.deployment_id = v.deployment_id`,
        v.bindings,
      );
    }
  }

  /**
   * One failed deployment's sample: from the earliest incident opening to the latest resolution
   * (none while one is open), or without incidents from its finish to the next success.
   */
  private async failureOf(
    fact: Record<string, any>,
    incidents: Array<{ openedAt: string; resolvedAt?: string }>,
  ): Promise<{
    failure_started_at: string | null;
    restored_at: string | null;
    restored_by: string | null;
  }> {
    const failed =
      !fact.succeeded || Boolean(fact.rolled_back_by) || incidents.length > 0;
    if (!failed) {
      return { failure_started_at: null, restored_at: null, restored_by: null };
    }
    if (incidents.length > 0) {
      const opened = incidents.map(i => i.openedAt).sort();
      const resolved = incidents.map(i => i.resolvedAt);
      const allResolved = resolved.every((r): r is string => r !== undefined);
      return {
        failure_started_at: opened[0],
        restored_at: allResolved ? resolved.sort()[resolved.length - 1] : null,
        restored_by: null,
      };
    }
    const deployedAt = toIso(fact.deployed_at);
    // dora_facts_system_time_idx: the System's first success after the failure.
    const next = await this.db('dora_deployment_facts')
      .where('system_ref', fact.system_ref)
      .whereRaw('succeeded')
      .where('deployed_at', '>', deployedAt)
      .orderBy([
        { column: 'deployed_at', order: 'asc' },
        { column: 'deployment_id', order: 'asc' },
      ])
      .first('deployment_id', 'deployed_at');
    return {
      failure_started_at: deployedAt,
      restored_at: next ? toIso(next.deployed_at) : null,
      restored_by: next ? (next.deployment_id as string) : null,
    };
  }

  async refreshRestores(deploymentIds: string[]) {
    for (const ids of chunks([...new Set(deploymentIds)])) {
      const restored = this.db('dora_deployment_facts as r')
        .select(this.db.raw('1'))
        .where(
          'r.restored_by',
          this.db.ref('dora_deployment_facts.deployment_id'),
        );
      const fixes = this.db('incidents as i')
        .select(this.db.raw('1'))
        .where(
          'i.fixed_by_deployment_id',
          this.db.ref('dora_deployment_facts.deployment_id'),
        );
      await this.db('dora_deployment_facts')
        .whereIn('deployment_id', ids)
        .update({
          // A boolean expression: true/false on PostgreSQL, 1/0 on SQLite, like the inserted booleans.
          restores_service: this.db.raw(
            `(EXISTS (${restored.toQuery()}) OR EXISTS (${fixes.toQuery()}))`,
          ),
        });
    }
  }

  /**
   * {@link DatabaseDoraFactStore.refreshCommitData}'s value for one deployment: whether CI
   * reported a build of any component version it carried (deployment_components_pkey, then
   * builds' unique (component_ref, version)).
   */
  private commitDataOf(deploymentId: string) {
    return this.db.raw(
      `(EXISTS (SELECT 1 FROM deployment_components dc
         JOIN builds b ON b.component_ref = dc.component_ref AND b.version = dc.version
         WHERE dc.deployment_id = ?))`,
      [deploymentId],
    );
  }

  async refreshCommitData(deploymentIds: string[]) {
    for (const ids of chunks([...new Set(deploymentIds)])) {
      // deployment_components_pkey, then builds' unique (component_ref, version).
      const built = this.db('deployment_components as dc')
        .join('builds as b', join =>
          join
            .on('b.component_ref', 'dc.component_ref')
            .andOn('b.version', 'dc.version'),
        )
        .select(this.db.raw('1'))
        .where(
          'dc.deployment_id',
          this.db.ref('dora_deployment_facts.deployment_id'),
        );
      await this.db('dora_deployment_facts')
        .whereIn('deployment_id', ids)
        .update({ commit_data: this.db.raw(`(EXISTS (${built.toQuery()}))`) });
    }
  }

  async systemsWithFacts() {
    const rows = await this.db('dora_systems')
      .orderBy('system_ref')
      .select('system_ref');
    return rows.map(row => row.system_ref as string);
  }

  async factIds(systemRef: string) {
    const rows = await this.db('dora_deployment_facts')
      .where('system_ref', systemRef)
      .select('deployment_id');
    return rows.map(row => row.deployment_id as string);
  }

  async commitsFirstDeployed(
    components: Array<{ componentRef: string; version: string }>,
    deployedAt: string,
  ) {
    return (
      (
        await this.commitsFirstDeployedMany([
          { key: '', components, deployedAt },
        ])
      ).get('') ?? []
    );
  }

  async commitsFirstDeployedMany(
    deployments: Array<{
      key: string;
      components: Array<{ componentRef: string; version: string }>;
      deployedAt: string;
    }>,
  ) {
    const result = new Map<
      string,
      Array<{ componentRef: string; sha: string; committedAt: string }>
    >();
    const rows: Array<[string, string, string, string, string]> = [];
    for (const { key, components, deployedAt } of deployments) {
      result.set(key, []);
      const newest = new Date(
        Date.parse(deployedAt) + COMMIT_CLOCK_SKEW_MS,
      ).toISOString();
      for (const c of components) {
        rows.push([key, c.componentRef, c.version, deployedAt, newest]);
      }
    }
    // The time a build lists for a commit wins over the build's own head commit time.
    const commits = new Map<
      string,
      {
        key: string;
        componentRef: string;
        sha: string;
        committedAt: string;
        listed: boolean;
      }
    >();
    for (const part of chunks(rows)) {
      const deployed = valuesList(
        this.db,
        ['text', 'text', 'text', 'timestamptz', 'timestamptz'],
        part,
      );
      // One statement for many deployments (of distinct components): per deployed version the
      // builds up to it (builds_component_created_idx), their head and listed commits, less those
      // already recorded for an earlier deployment (dora_lead_times_pkey).
      // Only the builds after the newest build at or before it that an earlier successful
      // production deployment (any production lane) carried: that deployment already gave every
      // commit of the builds up to its build a lead time no later than its own, and lead times only
      // ever move earlier, so those commits cannot be returned. Builds are stamped with the time
      // the server received them, so a build reported later is never before that bound. The
      // bound is found walking back from the deployed build (builds_component_created_idx,
      // backwards) over the builds not yet in production, each checked through
      // deployment_components_component_idx and dora_deployment_facts_pkey: the statement reads
      // what the deployment ships, not the component's whole history. The deployment's own fact
      // (same time) never bounds it.
      // A deployment cannot carry a commit made after it: builds (other than the deployed one)
      // and listed commits dated later than the deployment (with COMMIT_CLOCK_SKEW_MS of
      // tolerance) are left out, and the walk back skips those builds without looking at their
      // deployments. That matters for history imported into an installation that already has
      // later history: the imported builds are stamped when received, after every build of that
      // later history, which no deployment at the imported time can have carried.
      const answer = await this.db.raw(
        `with deployed (k, component_ref, version, deployed_at, newest) as (values ${deployed.sql}),
         target as (
           select d.k, d.deployed_at, d.newest, cur.id as build_id, cur.component_ref, cur.created_at,
             (select p.created_at from builds p
              where p.component_ref = cur.component_ref and p.created_at <= cur.created_at
                and (p.id = cur.id or p.commit_time <= d.newest)
                and exists (
                  select 1 from deployment_components dc
                  join dora_deployment_facts f on f.deployment_id = dc.deployment_id
                  where dc.component_ref = p.component_ref and dc.version = p.version
                    and f.succeeded and f.deployed_at < d.deployed_at)
              order by p.created_at desc limit 1) as shipped_at
           from deployed d
           join builds cur on cur.component_ref = d.component_ref and cur.version = d.version
         ),
         upto as (
           select t.k, t.deployed_at, t.newest, b.id, b.component_ref, b.commit_sha, b.commit_time
           from target t
           join builds b on b.component_ref = t.component_ref and b.created_at <= t.created_at
             and b.created_at > t.shipped_at
             and (b.id = t.build_id or b.commit_time <= t.newest)
           union all
           select t.k, t.deployed_at, t.newest, b.id, b.component_ref, b.commit_sha, b.commit_time
           from target t
           join builds b on b.component_ref = t.component_ref and b.created_at <= t.created_at
             and (b.id = t.build_id or b.commit_time <= t.newest)
           where t.shipped_at is null
         ),
         commits as (
           select k, deployed_at, component_ref, commit_sha as sha, commit_time as committed_at, 0 as listed from upto
           union all
           select u.k, u.deployed_at, u.component_ref, bc.sha, bc.committed_at, 1 as listed
           from upto u join build_commits bc on bc.build_id = u.id
           where bc.committed_at <= u.newest or u.commit_time > u.newest
         )
         select c.k, c.component_ref, c.sha, c.committed_at, c.listed
         from commits c
         left join dora_lead_times lt on lt.component_ref = c.component_ref and lt.sha = c.sha
         where lt.sha is null or lt.deployed_at > c.deployed_at`,
        deployed.bindings,
      );
      for (const row of rawRows<Record<string, any>>(this.db, answer)) {
        const id = `${row.k}\u0000${row.component_ref}\u0000${row.sha}`;
        const listed = Number(row.listed) === 1;
        if (!commits.has(id) || (listed && !commits.get(id)!.listed)) {
          commits.set(id, {
            key: row.k,
            componentRef: row.component_ref,
            sha: row.sha,
            committedAt: toIso(row.committed_at),
            listed,
          });
        }
      }
    }
    for (const { key, listed: _listed, ...commit } of commits.values()) {
      result.get(key)!.push(commit);
    }
    return result;
  }

  async saveLeadTimes(facts: LeadTimeFact[]) {
    const delta = new Map<string, number>();
    const bump = (day: string, bucket: number, by: number) => {
      const key = `${day}|${String(bucket).padStart(6, '0')}`;
      delta.set(key, (delta.get(key) ?? 0) + by);
    };
    const rows = facts.map(fact => {
      const leadSeconds = Math.max(
        0,
        Math.round(
          (Date.parse(fact.deployedAt) - Date.parse(fact.committedAt)) / 1000,
        ),
      );
      return {
        component_ref: fact.componentRef,
        sha: fact.sha,
        system_ref: fact.systemRef,
        deployment_id: fact.deploymentId,
        committed_at: fact.committedAt,
        deployed_at: fact.deployedAt,
        day: utcDay(fact.deployedAt),
        lead_seconds: leadSeconds,
        lead_bucket: leadTimeBucket(leadSeconds),
      };
    });
    // Which commits already have a lead time (from a later deployment): one read per chunk.
    const previous = new Map<
      string,
      {
        day: string;
        lead_bucket: number | string;
        deployment_id: string;
        system_ref: string;
        deployed_at: unknown;
      }
    >();
    for (const part of chunks(rows)) {
      // The commits as a VALUES list joined through dora_lead_times_pkey (not an OR per commit,
      // which PostgreSQL plans branch by branch).
      const v = valuesList(
        this.db,
        ['text', 'text'],
        part.map(row => [row.component_ref, row.sha]),
      );
      const answer = await this.db.raw(
        `with v (component_ref, sha) as (values ${v.sql})
         select t.component_ref, t.sha, t.day, t.lead_bucket, t.deployment_id, t.system_ref,
           t.deployed_at
         from v join dora_lead_times t on t.component_ref = v.component_ref and t.sha = v.sha`,
        v.bindings,
      );
      const found = rawRows<{
        component_ref: string;
        sha: string;
        day: string;
        lead_bucket: number | string;
        deployment_id: string;
        system_ref: string;
        deployed_at: unknown;
      }>(this.db, answer);
      for (const f of found) {
        previous.set(`${f.component_ref}\u0000${f.sha}`, f);
      }
    }
    const moved: Array<[string, string]> = [];
    // The deployments whose list of lead times changes: those gaining commits, and those a commit
    // moves away from (to an earlier deployment reported late).
    const changed = new Map<
      string,
      { system_ref: string; deployed_at: unknown }
    >(rows.map(row => [row.deployment_id, row]));
    for (const row of rows) {
      const before = previous.get(`${row.component_ref}\u0000${row.sha}`);
      if (before) {
        changed.set(before.deployment_id, before);
        bump(before.day, Number(before.lead_bucket), -1);
        moved.push([row.component_ref, row.sha]);
      }
      bump(row.day, row.lead_bucket, 1);
    }
    // A commit that moves to an earlier deployment is deleted and inserted again with the rest:
    // a history import moves tens of thousands, one statement per chunk instead of one each.
    for (const part of chunks(moved)) {
      await this.db('dora_lead_times')
        .whereIn(['component_ref', 'sha'], part)
        .delete();
    }
    const perInsert = rowsPerInsert(this.db);
    for (let i = 0; i < rows.length; i += perInsert) {
      await insertRows(
        this.db,
        'dora_lead_times',
        rows.slice(i, i + perInsert),
      );
    }
    await this.applyHistogramDelta(delta);
    await this.refreshLeadTimeLists(changed);
  }

  /**
   * Copies each deployment's rows of dora_lead_times into its row of dora_deployment_lead_times
   * (see the migration 20261206073000_dora_deployment_lead_times.js); a deployment whose commits
   * all moved to an earlier one keeps none. A deployment's lead times share its System and time,
   * so dora_lead_times_system_time_idx finds them.
   */
  private async refreshLeadTimeLists(
    deployments: Map<string, { system_ref: string; deployed_at: unknown }>,
  ) {
    const list = isPostgres(this.db)
      ? "string_agg(t.lead_seconds::text, ',' ORDER BY t.lead_seconds)"
      : "group_concat(t.lead_seconds, ',' ORDER BY t.lead_seconds)";
    const ids = [...deployments.keys()].sort(compareCodePoints);
    for (let i = 0; i < ids.length; i += 100) {
      const part = ids.slice(i, i + 100);
      const v = valuesList(
        this.db,
        ['text', 'timestamptz', 'text'],
        part.map(id => {
          const { system_ref, deployed_at } = deployments.get(id)!;
          return [system_ref, deployed_at as Knex.Value, id];
        }),
      );
      await this.db('dora_deployment_lead_times')
        .whereIn('deployment_id', part)
        .delete();
      // The deployments as a VALUES list: as an OR of 100 branches, planning took a third of the
      // statement's time (6 December).
      await this.db.raw(
        `WITH v (system_ref, deployed_at, deployment_id) AS (VALUES ${v.sql})
         INSERT INTO dora_deployment_lead_times (deployment_id, system_ref, deployed_at, lead_seconds)
         SELECT t.deployment_id, t.system_ref, t.deployed_at, ${list}
         FROM v JOIN dora_lead_times t ON t.system_ref = v.system_ref
           AND t.deployed_at = v.deployed_at AND t.deployment_id = v.deployment_id
         GROUP BY t.deployment_id, t.system_ref, t.deployed_at`,
        v.bindings,
      );
    }
  }

  /**
   * Moves the org-wide histogram by `delta` (keys `day|bucket`). Rows are changed in key order,
   * so that two deployments recorded at once lock the rows they share in the same order and
   * cannot deadlock; the common case (only additions) is one statement.
   */
  private async applyHistogramDelta(delta: Map<string, number>) {
    const changes = [...delta]
      .filter(([, by]) => by !== 0)
      .sort(([a], [b]) => compareCodePoints(a, b))
      .map(([key, by]) => {
        const [day, bucket] = key.split('|');
        return { day, bucket: Number(bucket), by };
      });
    const add = (list: typeof changes) =>
      this.db('dora_lead_time_histogram')
        .insert(
          list.map(c => ({ day: c.day, bucket: c.bucket, commits: c.by })),
        )
        .onConflict(['day', 'bucket'])
        .merge({
          commits: this.db.raw(
            'dora_lead_time_histogram.commits + excluded.commits',
          ),
        });
    // A negative change meets the row its commits were counted in, so the upsert adds it there.
    for (let i = 0; i < changes.length; i += 100) {
      await add(changes.slice(i, i + 100));
    }
    const emptied = changes.filter(c => c.by < 0);
    for (let i = 0; i < emptied.length; i += 100) {
      await this.db('dora_lead_time_histogram')
        .whereIn(
          ['day', 'bucket'],
          emptied.slice(i, i + 100).map(c => [c.day, c.bucket]),
        )
        .where('commits', '<=', 0)
        .delete();
    }
  }

  async pendingDeployments(environment: string | string[], limit: number) {
    const rows = await this.db('deployments as d')
      .leftJoin('dora_deployment_facts as f', 'f.deployment_id', 'd.id')
      .whereIn('d.environment', [environment].flat())
      .whereIn('d.status', ['succeeded', 'failed'])
      .whereNull('f.deployment_id')
      // What an import deferred is the catch-up's (DoraCatchUp), recorded in batches.
      .whereNotExists(
        this.db('dora_deferred_deployments as q')
          .select(this.db.raw('1'))
          .where('q.deployment_id', this.db.ref('d.id')),
      )
      .orderBy([
        { column: 'd.finished_at', order: 'asc' },
        { column: 'd.id', order: 'asc' },
      ])
      .limit(limit)
      .select('d.id');
    return rows.map(r => r.id as string);
  }
}
