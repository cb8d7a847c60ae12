import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  isKnownTimeZone,
  RecurringFreeze,
  TimeOfDay,
  Weekday,
  WEEKDAY_NAMES,
  WEEKDAYS,
} from '../service/freezes/recurringFreezes';

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function readTime(value: string, at: string): TimeOfDay {
  const match = TIME.exec(value.trim());
  if (!match) {
    throw new Error(
      `${at}: '${value}' must be a 24-hour time HH:MM, e.g. 16:00`,
    );
  }
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

function readWeekday(value: string, at: string): Weekday {
  const v = value.trim().toLowerCase();
  const day = WEEKDAYS.find(
    d => d === v || WEEKDAY_NAMES[d].toLowerCase() === v,
  );
  if (!day) {
    throw new Error(
      `${at}: '${value}' must be a day of the week: mon, tue, wed, thu, fri, sat or sun`,
    );
  }
  return day;
}

function readDays(entry: Config, at: string): Weekday[] {
  const raw = entry.getOptional('every');
  if (raw === 'day') {
    return [...WEEKDAYS];
  }
  if (typeof raw === 'string') {
    return [readWeekday(raw, `${at}.every`)];
  }
  if (
    !Array.isArray(raw) ||
    raw.length === 0 ||
    raw.some(d => typeof d !== 'string')
  ) {
    throw new Error(
      `${at}.every: must be 'day' or a non-empty list of days of the week, e.g. [fri]`,
    );
  }
  return [
    ...new Set(
      (raw as string[]).map((d, i) => readWeekday(d, `${at}.every[${i}]`)),
    ),
  ];
}

function readUntil(
  value: string,
  at: string,
): TimeOfDay & { weekday?: Weekday } {
  const [first, second, ...rest] = value.trim().split(/\s+/);
  if (rest.length > 0) {
    throw new Error(
      `${at}: '${value}' must be HH:MM or a day and HH:MM, e.g. 'mon 08:00'`,
    );
  }
  return second === undefined
    ? readTime(first, at)
    : { weekday: readWeekday(first, at), ...readTime(second, at) };
}

function readSystem(ref: string, at: string): string {
  let parsed;
  try {
    parsed = parseEntityRef(ref.trim(), {
      defaultKind: 'system',
      defaultNamespace: 'default',
    });
  } catch (e) {
    throw new Error(
      `${at}: '${ref}' is not an entity ref: ${(e as Error).message}`,
    );
  }
  if (parsed.kind.toLowerCase() !== 'system') {
    throw new Error(
      `${at}: '${ref}' must be a System ref, e.g. system:default/payments`,
    );
  }
  return stringifyEntityRef(parsed).toLowerCase();
}

/**
 * Reads `releaseOrchestration.recurringFreezes`: freeze windows that repeat in a named time zone,
 * e.g. `{ name: weekend, every: [fri], from: '16:00', until: 'mon 08:00', timeZone: Europe/Berlin }`.
 * Mistakes stop the backend at start-up with the key named.
 */
export function readRecurringFreezes(
  config: Config,
  lanes: string[],
): RecurringFreeze[] {
  const key = 'releaseOrchestration.recurringFreezes';
  const entries = config.getOptionalConfigArray(key) ?? [];
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const at = `${key}[${index}]`;
    const name = entry.getString('name');
    if (!NAME.test(name)) {
      throw new Error(
        `${at}.name: '${name}' must be lower-case letters, digits and dashes`,
      );
    }
    if (seen.has(name)) {
      throw new Error(`${at}.name: '${name}' is listed twice`);
    }
    seen.add(name);

    const rawEnvironments = entry.getOptional('environments') ?? 'all';
    let environments: string[];
    if (rawEnvironments === 'all') {
      environments = [...lanes];
    } else if (
      Array.isArray(rawEnvironments) &&
      rawEnvironments.length > 0 &&
      rawEnvironments.every(e => typeof e === 'string')
    ) {
      environments = [...new Set(rawEnvironments as string[])];
      environments.forEach((lane, i) => {
        if (!lanes.includes(lane)) {
          throw new Error(
            `${at}.environments[${i}]: '${lane}' is not a configured environment; the lanes are ${lanes.join(
              ', ',
            )}`,
          );
        }
      });
    } else {
      throw new Error(
        `${at}.environments: must be 'all' or a non-empty list of lane names`,
      );
    }

    const rawSystems = entry.getOptional('systems') ?? 'all';
    let systems: string[];
    if (rawSystems === 'all') {
      systems = [];
    } else if (
      Array.isArray(rawSystems) &&
      rawSystems.length > 0 &&
      rawSystems.every(s => typeof s === 'string')
    ) {
      systems = [
        ...new Set(
          (rawSystems as string[]).map((s, i) =>
            readSystem(s, `${at}.systems[${i}]`),
          ),
        ),
      ].sort();
    } else {
      throw new Error(
        `${at}.systems: must be 'all' or a non-empty list of System refs`,
      );
    }

    const timeZone = entry.getString('timeZone');
    if (!isKnownTimeZone(timeZone)) {
      throw new Error(
        `${at}.timeZone: '${timeZone}' is not a known IANA time zone, e.g. Europe/Berlin or UTC`,
      );
    }
    const every = readDays(entry, at);
    const from = readTime(entry.getString('from'), `${at}.from`);
    const until = readUntil(entry.getString('until'), `${at}.until`);
    if (
      !until.weekday &&
      until.hour === from.hour &&
      until.minute === from.minute
    ) {
      throw new Error(
        `${at}.until: '${entry.getString(
          'until',
        )}' is the same time as from; give a later time or a day, e.g. 'mon 08:00'`,
      );
    }
    const exceptions = (entry.getOptionalStringArray('exceptions') ?? []).map(
      (date, i) => {
        const d = new Date(`${date}T00:00:00Z`);
        if (
          !DATE.test(date) ||
          Number.isNaN(d.getTime()) ||
          d.toISOString().slice(0, 10) !== date
        ) {
          throw new Error(
            `${at}.exceptions[${i}]: '${date}' must be a date YYYY-MM-DD`,
          );
        }
        return date;
      },
    );
    const reason = entry.getOptionalString('reason')?.trim();
    return {
      name,
      environments,
      systems,
      timeZone,
      every,
      from,
      until,
      exceptions,
      ...(reason ? { reason } : {}),
    };
  });
}
