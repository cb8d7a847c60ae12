import { Knex } from 'knex';
import {
  RecurringFreeze,
  Weekday,
  WEEKDAYS,
} from '../service/freezes/recurringFreezes';
import { isPostgres } from './dialect';
import { toIso } from './timestamps';

/** A recurring freeze window declared in the portal, as stored. */
export type StoredRecurringFreeze = RecurringFreeze & {
  id: string;
  createdBy: string;
  createdAt: string;
  reason: string;
};

/** Recurring freeze windows declared in the portal. */
export interface RecurringFreezeStore {
  /** Stores a window; a unique violation when the name is taken. */
  insert(freeze: StoredRecurringFreeze): Promise<StoredRecurringFreeze>;
  get(id: string): Promise<StoredRecurringFreeze | undefined>;
  getByName(name: string): Promise<StoredRecurringFreeze | undefined>;
  /** Every window, by name. */
  list(): Promise<StoredRecurringFreeze[]>;
  delete(id: string): Promise<boolean>;
  /**
   * Adds an exception date (kept sorted, once) under a row lock; the window after, or undefined
   * when there is none with this id.
   */
  addException(
    id: string,
    date: string,
  ): Promise<{ freeze: StoredRecurringFreeze; added: boolean } | undefined>;
}

type RecurringFreezeRow = {
  id: string;
  name: string;
  environments: string;
  systems: string;
  every: string;
  from_time: string;
  until_time: string;
  time_zone: string;
  exceptions: string;
  reason: string;
  created_by: string;
  created_at: Date | string;
};

function formatTime(t: { hour: number; minute: number }) {
  return `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(
    2,
    '0',
  )}`;
}

function parseTime(value: string) {
  const [hour, minute] = value.split(':').map(Number);
  return { hour, minute };
}

function parseUntil(value: string): RecurringFreeze['until'] {
  const [first, second] = value.split(' ');
  return second === undefined
    ? parseTime(first)
    : { weekday: first as Weekday, ...parseTime(second) };
}

/** How a window's closing is stored: `HH:MM` or `mon 08:00`. */
export function formatUntil(until: RecurringFreeze['until']): string {
  return until.weekday
    ? `${until.weekday} ${formatTime(until)}`
    : formatTime(until);
}

export function formatFrom(from: RecurringFreeze['from']): string {
  return formatTime(from);
}

function toFreeze(row: RecurringFreezeRow): StoredRecurringFreeze {
  return {
    id: row.id,
    name: row.name,
    environments: JSON.parse(row.environments),
    systems: JSON.parse(row.systems),
    every: row.every.split(',') as Weekday[],
    from: parseTime(row.from_time),
    until: parseUntil(row.until_time),
    timeZone: row.time_zone,
    exceptions: JSON.parse(row.exceptions),
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
  };
}

function toRow(freeze: StoredRecurringFreeze): RecurringFreezeRow {
  return {
    id: freeze.id,
    name: freeze.name,
    environments: JSON.stringify(freeze.environments),
    systems: JSON.stringify(freeze.systems),
    every: WEEKDAYS.filter(d => freeze.every.includes(d)).join(','),
    from_time: formatTime(freeze.from),
    until_time: formatUntil(freeze.until),
    time_zone: freeze.timeZone,
    exceptions: JSON.stringify([...new Set(freeze.exceptions)].sort()),
    reason: freeze.reason,
    created_by: freeze.createdBy,
    created_at: freeze.createdAt,
  };
}

/** Knex implementation of {@link RecurringFreezeStore}. */
export class DatabaseRecurringFreezeStore implements RecurringFreezeStore {
  constructor(private readonly db: Knex) {}

  async insert(freeze: StoredRecurringFreeze) {
    const row = toRow(freeze);
    await this.db<RecurringFreezeRow>('recurring_freezes').insert(row);
    return toFreeze(row);
  }

  async get(id: string) {
    const row = await this.db<RecurringFreezeRow>('recurring_freezes')
      .where({ id })
      .first();
    return row ? toFreeze(row) : undefined;
  }

  async getByName(name: string) {
    const row = await this.db<RecurringFreezeRow>('recurring_freezes')
      .where({ name })
      .first();
    return row ? toFreeze(row) : undefined;
  }

  async list() {
    const rows = await this.db<RecurringFreezeRow>('recurring_freezes').orderBy(
      'name',
    );
    return rows.map(toFreeze);
  }

  async delete(id: string) {
    return (await this.db('recurring_freezes').where({ id }).delete()) > 0;
  }

  async addException(id: string, date: string) {
    const run = async (trx: Knex) => {
      const query = trx<RecurringFreezeRow>('recurring_freezes').where({ id });
      if (isPostgres(trx)) {
        query.forUpdate(); // SQLite has one writer
      }
      const row = await query.first();
      if (!row) {
        return undefined;
      }
      const exceptions: string[] = JSON.parse(row.exceptions);
      if (exceptions.includes(date)) {
        return { freeze: toFreeze(row), added: false };
      }
      const updated = {
        ...row,
        exceptions: JSON.stringify([...exceptions, date].sort()),
      };
      await trx('recurring_freezes')
        .where({ id })
        .update({ exceptions: updated.exceptions });
      return { freeze: toFreeze(updated), added: true };
    };
    return this.db.isTransaction ? run(this.db) : this.db.transaction(run);
  }
}
