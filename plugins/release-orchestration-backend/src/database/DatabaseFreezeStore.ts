import { Knex } from 'knex';
import { FreezeWindow } from '@release-orchestration/plugin-release-orchestration-common';
import { toIso } from './timestamps';
import { FreezeStore, NewFreeze } from './promotionStoreTypes';

type FreezeRow = {
  id: string;
  environment: string;
  systems: string;
  starts_at: Date | string;
  ends_at: Date | string;
  reason: string;
  created_by: string;
  created_at: Date | string;
};

function toFreeze(row: FreezeRow): FreezeWindow {
  return {
    id: row.id,
    environment: row.environment,
    systems: JSON.parse(row.systems),
    start: toIso(row.starts_at),
    end: toIso(row.ends_at),
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
  };
}

/** Knex implementation of {@link FreezeStore}. */
export class DatabaseFreezeStore implements FreezeStore {
  constructor(private readonly db: Knex) {}

  async insert(freeze: NewFreeze) {
    const row: FreezeRow = {
      id: freeze.id,
      environment: freeze.environment,
      systems: JSON.stringify(freeze.systems),
      starts_at: freeze.start,
      ends_at: freeze.end,
      reason: freeze.reason,
      created_by: freeze.createdBy,
      created_at: freeze.createdAt,
    };
    await this.db<FreezeRow>('freezes').insert(row);
    return toFreeze(row);
  }

  async get(id: string) {
    const row = await this.db<FreezeRow>('freezes').where({ id }).first();
    return row ? toFreeze(row) : undefined;
  }

  async delete(id: string) {
    return (await this.db('freezes').where({ id }).delete()) > 0;
  }

  async list(options: { environment?: string; endsAfter?: string }) {
    const query = this.db<FreezeRow>('freezes').orderBy([
      { column: 'starts_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
    if (options.environment) {
      query.where('environment', options.environment);
    }
    if (options.endsAfter) {
      query.where('ends_at', '>', options.endsAfter);
    }
    return (await query).map(toFreeze);
  }

  async listActive(environment: string, at: string) {
    const rows = await this.db<FreezeRow>('freezes')
      .where('environment', environment)
      .where('starts_at', '<=', at)
      .where('ends_at', '>', at)
      .orderBy([
        { column: 'starts_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(toFreeze);
  }
}
