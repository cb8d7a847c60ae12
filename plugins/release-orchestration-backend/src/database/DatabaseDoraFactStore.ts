import { Knex } from 'knex';
import { utcDay } from '../service/dora/doraCalendar';
import { DoraFactStore, LeadTimeFact, NewDeploymentFact } from './doraStoreTypes';
import { leadTimeBucket } from './leadTimeBucket';
import { lockKey } from './lockKey';
import { toIso } from './timestamps';

const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    result.push(items.slice(i, i + CHUNK));
  }
  return result;
}

/** Knex implementation of {@link DoraFactStore}. */
export class DatabaseDoraFactStore implements DoraFactStore {
  constructor(private readonly db: Knex) {}

  lockSystem(systemRef: string) {
    return lockKey(this.db, `dora:${systemRef}`);
  }

  async getSetting(key: string) {
    const row = await this.db('dora_settings').where({ key }).first('value');
    return row?.value as string | undefined;
  }

  async setSetting(key: string, value: string) {
    await this.db('dora_settings').insert({ key, value }).onConflict('key').merge({ value });
  }

  async clear() {
    for (const table of ['dora_lead_time_histogram', 'dora_lead_times', 'dora_deployment_facts', 'dora_systems']) {
      await this.db(table).delete();
    }
  }

  async insertDeploymentFact(fact: NewDeploymentFact) {
    // Callers hold the System's lock, so nothing can insert between this check and the insert.
    if (await this.db('dora_deployment_facts').where({ deployment_id: fact.deploymentId }).first('deployment_id')) {
      return false;
    }
    await this.db('dora_deployment_facts').insert({
      deployment_id: fact.deploymentId,
      system_ref: fact.systemRef,
      release_id: fact.releaseId ?? null,
      deployed_at: fact.deployedAt,
      day: utcDay(fact.deployedAt),
      succeeded: fact.succeeded,
      rollback: fact.rollback,
      hotfix: fact.hotfix,
      incident_count: 0,
    });
    await this.db('dora_systems')
      .insert({ system_ref: fact.systemRef, first_deployed_at: fact.deployedAt })
      .onConflict('system_ref')
      .ignore();
    await this.db('dora_systems')
      .where('system_ref', fact.systemRef)
      .where('first_deployed_at', '>', fact.deployedAt)
      .update({ first_deployed_at: fact.deployedAt });
    return true;
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
      ? { deploymentId: row.deployment_id as string, ...(row.rolled_back_by ? { rolledBackBy: row.rolled_back_by as string } : {}) }
      : undefined;
  }

  async markRolledBack(deploymentId: string, rollbackId: string) {
    await this.db('dora_deployment_facts').where({ deployment_id: deploymentId }).update({ rolled_back_by: rollbackId });
  }

  async restoreFailuresBefore(systemRef: string, at: string) {
    await this.db('dora_deployment_facts')
      .where('system_ref', systemRef)
      .whereRaw('NOT succeeded')
      .where('deployed_at', '<', at)
      .where(q => q.whereNull('restored_at').orWhere('restored_at', '>', at))
      .update({ restored_at: at });
  }

  async firstSuccessAfter(systemRef: string, after: string) {
    const row = await this.db('dora_deployment_facts')
      .where('system_ref', systemRef)
      .whereRaw('succeeded')
      .where('deployed_at', '>', after)
      .orderBy('deployed_at')
      .first('deployed_at');
    return row ? toIso(row.deployed_at) : undefined;
  }

  async setRestoredAt(deploymentId: string, at: string) {
    await this.db('dora_deployment_facts').where({ deployment_id: deploymentId }).update({ restored_at: at });
  }

  async recountIncidents(deploymentIds: string[]) {
    for (const ids of chunks([...new Set(deploymentIds)])) {
      await this.db('dora_deployment_facts')
        .whereIn('deployment_id', ids)
        .update({
          incident_count: this.db('incidents')
            .count('*')
            .where('incidents.deployment_id', this.db.ref('dora_deployment_facts.deployment_id')),
        });
    }
  }

  async commitsUpTo(componentRef: string, version: string) {
    const buildTime = this.db('builds').where({ component_ref: componentRef, version }).select('created_at');
    const rows = await this.db('builds as b')
      .leftJoin('build_commits as bc', 'bc.build_id', 'b.id')
      .where('b.component_ref', componentRef)
      .where('b.created_at', '<=', buildTime)
      .select('b.commit_sha', 'b.commit_time', 'bc.sha', 'bc.committed_at');
    const commits = new Map<string, string>();
    for (const row of rows) {
      // The head commit of a build counts even when CI listed no commits.
      commits.set(row.commit_sha, toIso(row.commit_time));
      if (row.sha) {
        commits.set(row.sha, toIso(row.committed_at));
      }
    }
    return [...commits].map(([sha, committedAt]) => ({ sha, committedAt }));
  }

  async leadTimeDeployedAt(componentRef: string, shas: string[]) {
    const result = new Map<string, string>();
    for (const part of chunks(shas)) {
      const rows = await this.db('dora_lead_times')
        .where('component_ref', componentRef)
        .whereIn('sha', part)
        .select('sha', 'deployed_at');
      for (const row of rows) {
        result.set(row.sha, toIso(row.deployed_at));
      }
    }
    return result;
  }

  async saveLeadTimes(facts: LeadTimeFact[]) {
    const delta = new Map<string, number>();
    const bump = (day: string, bucket: number, by: number) => {
      const key = `${day}|${bucket}`;
      delta.set(key, (delta.get(key) ?? 0) + by);
    };
    for (const fact of facts) {
      const leadSeconds = Math.max(0, Math.round((Date.parse(fact.deployedAt) - Date.parse(fact.committedAt)) / 1000));
      const row = {
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
      const previous = await this.db('dora_lead_times')
        .where({ component_ref: fact.componentRef, sha: fact.sha })
        .first('day', 'lead_bucket');
      if (previous) {
        bump(previous.day, Number(previous.lead_bucket), -1);
        await this.db('dora_lead_times').where({ component_ref: fact.componentRef, sha: fact.sha }).update(row);
      } else {
        await this.db('dora_lead_times').insert(row);
      }
      bump(row.day, row.lead_bucket, 1);
    }
    for (const [key, by] of delta) {
      const [day, bucket] = key.split('|');
      if (by > 0) {
        await this.db('dora_lead_time_histogram')
          .insert({ day, bucket: Number(bucket), commits: by })
          .onConflict(['day', 'bucket'])
          .merge({ commits: this.db.raw('dora_lead_time_histogram.commits + ?', [by]) });
      } else if (by < 0) {
        await this.db('dora_lead_time_histogram')
          .where({ day, bucket: Number(bucket) })
          .update({ commits: this.db.raw('commits - ?', [-by]) });
        await this.db('dora_lead_time_histogram').where({ day, bucket: Number(bucket) }).where('commits', '<=', 0).delete();
      }
    }
  }

  async pendingDeployments(environment: string, limit: number) {
    const rows = await this.db('deployments as d')
      .leftJoin('dora_deployment_facts as f', 'f.deployment_id', 'd.id')
      .where('d.environment', environment)
      .whereIn('d.status', ['succeeded', 'failed'])
      .whereNull('f.deployment_id')
      .orderBy([
        { column: 'd.finished_at', order: 'asc' },
        { column: 'd.id', order: 'asc' },
      ])
      .limit(limit)
      .select('d.id');
    return rows.map(r => r.id as string);
  }
}
