import { newId } from '../database/newId';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  createFreezeRequestSchema,
  FreezeWindow,
} from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import { Stores } from '../database/types';
import { EventPublisher } from './EventPublisher';
import {
  RecurringFreezeSchedule,
  RecurringFreezeSource,
} from './freezes/recurringFreezes';

/** A validated `POST /freezes` body. */
export type CreateFreezeInput = z.output<typeof createFreezeRequestSchema>;

/**
 * The audit trail's entity for a freeze: the one System it is about, or the environment lane
 * (`environment:default/<name>`) when it covers several or every System.
 */
export function freezeEntityRef(
  freeze: Pick<FreezeWindow, 'environment' | 'systems'>,
): string {
  return freeze.systems.length === 1
    ? freeze.systems[0]
    : `environment:default/${freeze.environment}`;
}

function describeScope(freeze: Pick<FreezeWindow, 'environment' | 'systems'>) {
  return `${freeze.environment}${
    freeze.systems.length > 0 ? ` for ${freeze.systems.join(', ')}` : ''
  }`;
}

/** Freeze windows: declared, listed and deleted; deleting one may release blocked promotions. */
export class FreezeService {
  constructor(
    private readonly stores: Stores,
    private readonly environments: string[],
    private readonly events: EventPublisher,
    private readonly onFreezeRemoved: () => Promise<unknown>,
    private readonly now: () => Date = () => new Date(),
    private readonly recurring: RecurringFreezeSource = new RecurringFreezeSchedule(),
  ) {}

  async create(input: CreateFreezeInput, actor: string): Promise<FreezeWindow> {
    if (!this.environments.includes(input.environment)) {
      throw new InputError(
        `environment: '${
          input.environment
        }' is not a configured environment; the lanes are ${this.environments.join(
          ', ',
        )}`,
      );
    }
    const createdAt = this.now().toISOString();
    if (input.end <= createdAt) {
      throw new InputError(
        `end: ${input.end} is in the past; a freeze window must end in the future`,
      );
    }
    const { freeze, event } = await this.stores.transaction(async tx => {
      const stored = await tx.freezes.insert({
        id: newId(),
        environment: input.environment,
        systems: [...new Set(input.systems ?? [])].sort(),
        start: input.start,
        end: input.end,
        reason: input.reason,
        createdBy: actor,
        createdAt,
      });
      const appended = await tx.audit.append({
        actor,
        action: 'freeze.created',
        entityRef: freezeEntityRef(stored),
        subjectType: 'freeze',
        subjectId: stored.id,
        summary: `Freeze of ${describeScope(stored)} from ${stored.start} to ${
          stored.end
        }: ${stored.reason}`,
        data: {
          environment: stored.environment,
          systems: stored.systems,
          start: stored.start,
          end: stored.end,
          reason: stored.reason,
        },
        createdAt,
      });
      return { freeze: stored, event: appended };
    });
    await this.events.publish([event]);
    return freeze;
  }

  /**
   * Windows that have not ended (or all with `includePast`), by start; each recurring window (of
   * app-config or declared in the portal) as its current opening, or its next one (`recurring` set,
   * with the next opening and closing).
   */
  async list(options: {
    environment?: string;
    includePast?: boolean;
  }): Promise<FreezeWindow[]> {
    const now = this.now();
    const [stored, schedule] = await Promise.all([
      this.stores.freezes.list({
        environment: options.environment,
        endsAfter: options.includePast ? undefined : now.toISOString(),
      }),
      this.recurring.load(),
    ]);
    const recurring = schedule.windowsAt(now, options.environment);
    return recurring.length === 0
      ? stored
      : [...stored, ...recurring].sort((a, b) =>
          a.start.localeCompare(b.start),
        );
  }

  /** One freeze window; a 404 when there is none with this id. */
  async get(id: string): Promise<FreezeWindow> {
    const freeze = id.startsWith('recurring:')
      ? (await this.recurring.load())
          .windowsAt(this.now())
          .find(w => w.id === id)
      : await this.stores.freezes.get(id);
    if (!freeze) {
      throw new NotFoundError(`No freeze window with id ${id}`);
    }
    return freeze;
  }

  async delete(id: string, actor: string): Promise<void> {
    if (id.startsWith('recurring:')) {
      const ruleId = (await this.get(id)).recurring?.ruleId;
      throw new InputError(
        ruleId
          ? `id: ${id} is a recurring freeze window declared in the portal; delete it with DELETE /recurring-freezes/${ruleId}, or add an exception date`
          : `id: ${id} is a recurring freeze window of app-config (releaseOrchestration.recurringFreezes); change it there, or add an exception date`,
      );
    }
    const at = this.now().toISOString();
    const event = await this.stores.transaction(async tx => {
      const freeze = await tx.freezes.get(id);
      if (!freeze || !(await tx.freezes.delete(id))) {
        throw new NotFoundError(`No freeze window with id ${id}`);
      }
      return tx.audit.append({
        actor,
        action: 'freeze.deleted',
        entityRef: freezeEntityRef(freeze),
        subjectType: 'freeze',
        subjectId: id,
        summary: `Freeze of ${describeScope(freeze)} (${freeze.start} to ${
          freeze.end
        }) deleted: ${freeze.reason}`,
        data: {
          environment: freeze.environment,
          systems: freeze.systems,
          start: freeze.start,
          end: freeze.end,
        },
        createdAt: at,
      });
    });
    await this.events.publish([event]);
    await this.onFreezeRemoved();
  }
}
