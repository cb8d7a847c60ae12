import { newId } from '../../database/newId';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  createRecurringFreezeRequestSchema,
  freezeWeekdays,
  RecurringFreezePreview,
  RecurringFreezeRule,
} from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import {
  formatFrom,
  formatUntil,
  StoredRecurringFreeze,
} from '../../database/DatabaseRecurringFreezeStore';
import { Stores } from '../../database/types';
import { EventPublisher } from '../EventPublisher';
import {
  describeSchedule,
  RecurringFreeze,
  RecurringFreezeSchedule,
  RecurringFreezeSource,
  upcomingOpenings,
  WEEKDAYS,
} from './recurringFreezes';

/** A validated `POST /recurring-freezes` body. */
export type CreateRecurringFreezeInput = z.output<
  typeof createRecurringFreezeRequestSchema
>;

/** How many openings a rule and a preview list. */
const OPENINGS = 5;

/** A unique constraint violation (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE). */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    code === '23505' ||
    (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT'))
  );
}

/** The audit trail's entity for a recurring window: its one System, else its (first) lane. */
function auditEntityRef(freeze: RecurringFreeze): string {
  return freeze.systems.length === 1
    ? freeze.systems[0]
    : `environment:default/${freeze.environments[0]}`;
}

function describeScope(freeze: RecurringFreeze) {
  return `${freeze.environments.join(', ')}${
    freeze.systems.length > 0 ? ` for ${freeze.systems.join(', ')}` : ''
  }`;
}

/** The rule of a request, in the form the schedule computes with. */
function toRecurringFreeze(input: CreateRecurringFreezeInput): RecurringFreeze {
  const time = (value: string) => {
    const [hour, minute] = value.split(':').map(Number);
    return { hour, minute };
  };
  const [first, second] = input.until.split(' ');
  return {
    name: input.name,
    environments: [...new Set(input.environments)],
    systems: [...new Set(input.systems ?? [])].sort(),
    timeZone: input.timeZone,
    every: WEEKDAYS.filter(d => input.every.includes(d)),
    from: time(input.from),
    until:
      second === undefined
        ? time(first)
        : {
            weekday: first as RecurringFreeze['every'][number],
            ...time(second),
          },
    exceptions: [...new Set(input.exceptions ?? [])].sort(),
    reason: input.reason,
  };
}

/** Whether two rules declare the same window (an idempotent repeat of a create). */
function sameRule(a: RecurringFreeze, b: RecurringFreeze): boolean {
  const key = (f: RecurringFreeze) =>
    JSON.stringify([
      [...f.environments].sort(),
      f.systems,
      f.timeZone,
      WEEKDAYS.filter(d => f.every.includes(d)),
      formatFrom(f.from),
      formatUntil(f.until),
      [...f.exceptions].sort(),
      f.reason ?? '',
    ]);
  return key(a) === key(b);
}

/**
 * The recurring windows in force: those of app-config and those declared in the portal (read
 * from the database each time, so every replica sees a new one at once).
 */
export class StoredRecurringFreezeSource implements RecurringFreezeSource {
  constructor(
    private readonly stores: Pick<Stores, 'recurringFreezes'>,
    private readonly configured: RecurringFreeze[] = [],
  ) {}

  async load(): Promise<RecurringFreezeSchedule> {
    const stored = await this.stores.recurringFreezes.list();
    return new RecurringFreezeSchedule([...this.configured, ...stored]);
  }
}

/**
 * Recurring freeze windows declared in the portal: declared, listed (with those of app-config),
 * previewed, given exception dates and deleted; every change audited.
 */
export class RecurringFreezeService {
  constructor(
    private readonly stores: Stores,
    private readonly environments: string[],
    private readonly configured: RecurringFreeze[],
    private readonly events: EventPublisher,
    private readonly onFreezeRemoved: () => Promise<unknown>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private toRule(freeze: RecurringFreeze | StoredRecurringFreeze) {
    const stored = 'createdAt' in freeze ? freeze : undefined;
    const rule: RecurringFreezeRule = {
      ...(stored ? { id: stored.id } : {}),
      source: stored ? 'portal' : 'app-config',
      name: freeze.name,
      environments: freeze.environments,
      systems: freeze.systems,
      every: freezeWeekdays.filter(d => freeze.every.includes(d)),
      from: formatFrom(freeze.from),
      until: formatUntil(freeze.until),
      timeZone: freeze.timeZone,
      exceptions: freeze.exceptions,
      ...(freeze.reason ? { reason: freeze.reason } : {}),
      schedule: describeSchedule(freeze),
      openings: upcomingOpenings(freeze, this.now(), OPENINGS).map(o => ({
        start: o.start.toISOString(),
        end: o.end.toISOString(),
      })),
      createdBy: stored?.createdBy ?? 'app-config',
      ...(stored ? { createdAt: stored.createdAt } : {}),
    };
    return rule;
  }

  private checkLanes(input: CreateRecurringFreezeInput) {
    input.environments.forEach((lane, i) => {
      if (!this.environments.includes(lane)) {
        throw new InputError(
          `environments[${i}]: '${lane}' is not a configured environment; the lanes are ${this.environments.join(
            ', ',
          )}`,
        );
      }
    });
  }

  /** The schedule and next openings of a window not yet declared; a 400 for an unknown lane. */
  preview(input: CreateRecurringFreezeInput): RecurringFreezePreview {
    this.checkLanes(input);
    const { schedule, openings } = this.toRule(toRecurringFreeze(input));
    return { schedule, openings };
  }

  /** Every recurring window: app-config's first, then the portal's, by name. */
  async list(): Promise<RecurringFreezeRule[]> {
    const stored = await this.stores.recurringFreezes.list();
    return [...this.configured, ...stored].map(f => this.toRule(f));
  }

  /** One window declared in the portal; a 404 when there is none with this id. */
  async get(id: string): Promise<RecurringFreezeRule> {
    return this.toRule(await this.require(id));
  }

  private async require(id: string): Promise<StoredRecurringFreeze> {
    const freeze = await this.stores.recurringFreezes.get(id);
    if (!freeze) {
      throw new NotFoundError(`No recurring freeze window with id ${id}`);
    }
    return freeze;
  }

  /**
   * Declares a window. The same window again under the same name is answered with the stored one
   * (`created: false`); a different one under a taken name is a 409.
   */
  async create(
    input: CreateRecurringFreezeInput,
    actor: string,
  ): Promise<{ rule: RecurringFreezeRule; created: boolean }> {
    this.checkLanes(input);
    const freeze = toRecurringFreeze(input);
    if (this.configured.some(f => f.name === freeze.name)) {
      throw new ConflictError(
        `name: '${freeze.name}' is a recurring freeze window of app-config (releaseOrchestration.recurringFreezes); choose another name`,
      );
    }
    const existing = async () => {
      const found = await this.stores.recurringFreezes.getByName(freeze.name);
      if (!found) {
        return undefined;
      }
      if (!sameRule(found, freeze)) {
        throw new ConflictError(
          `name: a recurring freeze window named '${freeze.name}' exists with another schedule, scope or reason; delete it first or choose another name`,
        );
      }
      return { rule: this.toRule(found), created: false };
    };
    const before = await existing();
    if (before) {
      return before;
    }
    const createdAt = this.now().toISOString();
    let result;
    try {
      result = await this.stores.transaction(async tx => {
        const stored = await tx.recurringFreezes.insert({
          ...freeze,
          id: newId(),
          reason: input.reason,
          createdBy: actor,
          createdAt,
        });
        const schedule = describeSchedule(stored);
        const event = await tx.audit.append({
          actor,
          action: 'recurring-freeze.created',
          entityRef: auditEntityRef(stored),
          subjectType: 'recurring-freeze',
          subjectId: stored.id,
          summary: `Recurring freeze '${stored.name}' of ${describeScope(
            stored,
          )}, ${schedule}: ${stored.reason}`,
          data: {
            name: stored.name,
            environments: stored.environments,
            systems: stored.systems,
            schedule,
            exceptions: stored.exceptions,
            reason: stored.reason,
          },
          createdAt,
        });
        return { stored, event };
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        // Another replica declared it between the check and the insert.
        const raced = await existing();
        if (raced) {
          return raced;
        }
      }
      throw error;
    }
    await this.events.publish([result.event]);
    return { rule: this.toRule(result.stored), created: true };
  }

  /** Adds a date on which the window does not open; the same date again changes nothing. */
  async addException(
    id: string,
    date: string,
    actor: string,
  ): Promise<RecurringFreezeRule> {
    const at = this.now().toISOString();
    const { freeze, event } = await this.stores.transaction(async tx => {
      const result = await tx.recurringFreezes.addException(id, date);
      if (!result) {
        throw new NotFoundError(`No recurring freeze window with id ${id}`);
      }
      if (!result.added) {
        return { freeze: result.freeze, event: undefined };
      }
      const appended = await tx.audit.append({
        actor,
        action: 'recurring-freeze.exception-added',
        entityRef: auditEntityRef(result.freeze),
        subjectType: 'recurring-freeze',
        subjectId: id,
        summary: `Recurring freeze '${result.freeze.name}' does not open on ${date} (${result.freeze.timeZone})`,
        data: { name: result.freeze.name, date },
        createdAt: at,
      });
      return { freeze: result.freeze, event: appended };
    });
    if (event) {
      await this.events.publish([event]);
      await this.onFreezeRemoved();
    }
    return this.toRule(freeze);
  }

  /** Deletes a window declared in the portal; promotions it held are released. */
  async delete(id: string, actor: string): Promise<void> {
    const at = this.now().toISOString();
    const event = await this.stores.transaction(async tx => {
      const freeze = await tx.recurringFreezes.get(id);
      if (!freeze || !(await tx.recurringFreezes.delete(id))) {
        throw new NotFoundError(`No recurring freeze window with id ${id}`);
      }
      return tx.audit.append({
        actor,
        action: 'recurring-freeze.deleted',
        entityRef: auditEntityRef(freeze),
        subjectType: 'recurring-freeze',
        subjectId: id,
        summary: `Recurring freeze '${freeze.name}' of ${describeScope(
          freeze,
        )} deleted: ${freeze.reason}`,
        data: {
          name: freeze.name,
          environments: freeze.environments,
          systems: freeze.systems,
          schedule: describeSchedule(freeze),
        },
        createdAt: at,
      });
    });
    await this.events.publish([event]);
    await this.onFreezeRemoved();
  }
}
