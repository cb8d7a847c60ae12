import { FreezeWindow } from '@release-orchestration/plugin-release-orchestration-common';

/** A day of the week as written in app-config. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Weekdays in `Date.getUTCDay()` order (Sunday first). */
export const WEEKDAYS: Weekday[] = [
  'sun',
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
];
export const WEEKDAY_NAMES: Record<Weekday, string> = {
  sun: 'Sunday',
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
};

/** A local wall-clock time of day. */
export interface TimeOfDay {
  hour: number;
  minute: number;
}

/**
 * A freeze window that repeats (`releaseOrchestration.recurringFreezes[]`), validated: it opens
 * on each of `every` at `from` and closes at the next `until` (a weekday and time, or a time on
 * the same day, or the next day when that is not after `from`), in `timeZone`.
 */
export interface RecurringFreeze {
  name: string;
  /** Lane names it covers. */
  environments: string[];
  /** System refs it covers; empty means every System. */
  systems: string[];
  /** IANA time zone the times are in. */
  timeZone: string;
  /** Days the window opens on. */
  every: Weekday[];
  from: TimeOfDay;
  until: TimeOfDay & { weekday?: Weekday };
  /** Local dates (`YYYY-MM-DD`) on which the window does not open. */
  exceptions: string[];
  /** Why; shown with the window. */
  reason?: string;
  /** UUID of a window declared in the portal; absent for app-config. */
  id?: string;
  /** Who declared it in the portal; `app-config` when absent. */
  createdBy?: string;
}

/** One opening of a recurring window, merged with the openings it overlaps or touches. */
export interface RecurringOccurrence {
  start: Date;
  end: Date;
}

/** Where a recurring window stands at an instant. */
export interface RecurringFreezeState {
  /** The window in force at the instant, if any. */
  current?: RecurringOccurrence;
  /** When it next opens after the instant (after the current window when there is one). */
  nextOpensAt?: Date;
  /** When the current window closes, or else when the next one does. */
  nextClosesAt?: Date;
}

/** How far ahead openings are looked for (exceptions may skip several weeks). */
const HORIZON_DAYS = 62;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether `timeZone` is a time zone this runtime knows (IANA names such as `Europe/Berlin`). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterOf(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at the instant `ms`, as if it were UTC. */
function wallClockMs(timeZone: string, ms: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatterOf(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') {
      parts[part.type] = Number(part.value);
    }
  }
  return Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
}

/** The zone's offset from UTC at the instant `ms`, in milliseconds (whole seconds). */
function offsetMs(timeZone: string, ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallClockMs(timeZone, whole) - whole;
}

/**
 * The instant a local wall-clock time in `timeZone` denotes. A time that occurs twice (clocks go
 * back) is its first occurrence; a time that does not exist (clocks go forward) is moved forward
 * by the length of the gap (02:30 on a 02:00 -> 03:00 night is 03:30), as Temporal's
 * `compatible` disambiguation does.
 */
export function localTimeToInstant(
  timeZone: string,
  date: { year: number; month: number; day: number },
  time: TimeOfDay,
): Date {
  const wall = Date.UTC(
    date.year,
    date.month - 1,
    date.day,
    time.hour,
    time.minute,
  );
  const before = offsetMs(timeZone, wall - DAY_MS);
  const after = offsetMs(timeZone, wall + DAY_MS);
  const candidates = [wall - before, wall - after].filter(
    c => offsetMs(timeZone, c) === wall - c,
  );
  if (candidates.length === 0) {
    return new Date(wall - before);
  }
  return new Date(Math.min(...candidates));
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

function localDateOf(timeZone: string, at: Date): LocalDate {
  const wall = new Date(wallClockMs(timeZone, at.getTime()));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
  };
}

function addDays(
  date: LocalDate,
  days: number,
): LocalDate & { weekday: Weekday; iso: string } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: WEEKDAYS[d.getUTCDay()],
    iso: d.toISOString().slice(0, 10),
  };
}

function minutesOf(time: TimeOfDay) {
  return time.hour * 60 + time.minute;
}

/** Days from an opening on `opens` to the closing `until`. */
function daysUntilClose(freeze: RecurringFreeze, opens: Weekday): number {
  const later = minutesOf(freeze.until) > minutesOf(freeze.from);
  if (freeze.until.weekday) {
    const days =
      (WEEKDAYS.indexOf(freeze.until.weekday) - WEEKDAYS.indexOf(opens) + 7) %
      7;
    return days === 0 && !later ? 7 : days;
  }
  return later ? 0 : 1;
}

/**
 * The openings of a recurring window from a week before `at` to {@link HORIZON_DAYS} after,
 * without exceptions, in order, overlapping or touching ones merged.
 */
export function occurrencesAround(
  freeze: RecurringFreeze,
  at: Date,
): RecurringOccurrence[] {
  const today = localDateOf(freeze.timeZone, at);
  const openings: RecurringOccurrence[] = [];
  for (let offset = -8; offset <= HORIZON_DAYS; offset++) {
    const day = addDays(today, offset);
    if (
      !freeze.every.includes(day.weekday) ||
      freeze.exceptions.includes(day.iso)
    ) {
      continue;
    }
    const start = localTimeToInstant(freeze.timeZone, day, freeze.from);
    const end = localTimeToInstant(
      freeze.timeZone,
      addDays(day, daysUntilClose(freeze, day.weekday)),
      freeze.until,
    );
    if (end > start) {
      openings.push({ start, end });
    }
  }
  openings.sort((a, b) => a.start.getTime() - b.start.getTime());
  const merged: RecurringOccurrence[] = [];
  for (const opening of openings) {
    const last = merged[merged.length - 1];
    if (last && opening.start <= last.end) {
      if (opening.end > last.end) {
        last.end = opening.end;
      }
    } else {
      merged.push({ ...opening });
    }
  }
  return merged;
}

/** The opening in force at `at` (if any) and the next ones, at most `count` in all. */
export function upcomingOpenings(
  freeze: RecurringFreeze,
  at: Date,
  count: number,
): RecurringOccurrence[] {
  return occurrencesAround(freeze, at)
    .filter(o => o.end > at)
    .slice(0, count);
}

/** Whether a recurring window is in force at `at`, and its next opening and closing. */
export function recurringFreezeState(
  freeze: RecurringFreeze,
  at: Date,
): RecurringFreezeState {
  const occurrences = occurrencesAround(freeze, at);
  const current = occurrences.find(o => o.start <= at && at < o.end);
  if (current) {
    const next = occurrences.find(o => o.start > current.end);
    return {
      current,
      nextClosesAt: current.end,
      ...(next ? { nextOpensAt: next.start } : {}),
    };
  }
  const next = occurrences.find(o => o.start > at);
  return next ? { nextOpensAt: next.start, nextClosesAt: next.end } : {};
}

function formatTime(time: TimeOfDay) {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(
    2,
    '0',
  )}`;
}

/** The schedule for a person: `every Friday 16:00 - Monday 08:00 Europe/Berlin`. */
export function describeSchedule(freeze: RecurringFreeze): string {
  const days =
    freeze.every.length === 7
      ? 'day'
      : WEEKDAYS.filter(d => freeze.every.includes(d))
          .map(d => WEEKDAY_NAMES[d])
          .join(', ');
  const until = freeze.until.weekday
    ? `${WEEKDAY_NAMES[freeze.until.weekday]} ${formatTime(freeze.until)}`
    : `${formatTime(freeze.until)}${
        minutesOf(freeze.until) > minutesOf(freeze.from) ? '' : ' the next day'
      }`;
  return `every ${days} ${formatTime(freeze.from)} - ${until} ${
    freeze.timeZone
  }`;
}

/** Where the recurring windows in force come from: app-config, and the database for the portal's. */
export interface RecurringFreezeSource {
  /** The recurring windows as they are now. */
  load(): Promise<RecurringFreezeSchedule>;
}

/**
 * Recurring windows (of app-config and declared in the portal), as freeze windows: what the gates
 * hold promotions for (exactly like one-off freezes, emergency override included) and what
 * `GET /freezes` lists.
 */
export class RecurringFreezeSchedule implements RecurringFreezeSource {
  constructor(readonly freezes: RecurringFreeze[] = []) {}

  /** A fixed schedule is its own source. */
  async load(): Promise<RecurringFreezeSchedule> {
    return this;
  }

  /** Windows in force at `at` in the lane, for the System when given. */
  activeAt(environment: string, at: Date, systemRef?: string): FreezeWindow[] {
    return this.windowsAt(at, environment).filter(
      w =>
        w.start <= at.toISOString() &&
        (!systemRef || w.systems.length === 0 || w.systems.includes(systemRef)),
    );
  }

  /** For each recurring window and lane (or the one lane): the window in force at `at`, else the next one. */
  windowsAt(at: Date, environment?: string): FreezeWindow[] {
    const windows: FreezeWindow[] = [];
    for (const freeze of this.freezes) {
      const lanes = freeze.environments.filter(
        e => !environment || e === environment,
      );
      if (lanes.length === 0) {
        continue;
      }
      const state = recurringFreezeState(freeze, at);
      const window =
        state.current ??
        (state.nextOpensAt && state.nextClosesAt
          ? { start: state.nextOpensAt, end: state.nextClosesAt }
          : undefined);
      if (!window) {
        continue;
      }
      const schedule = describeSchedule(freeze);
      for (const lane of lanes) {
        windows.push({
          id: `recurring:${freeze.name}:${lane}`,
          environment: lane,
          systems: freeze.systems,
          start: window.start.toISOString(),
          end: window.end.toISOString(),
          reason: `Recurring: ${freeze.name}, ${schedule}${
            freeze.reason ? ` (${freeze.reason})` : ''
          }`,
          createdBy: freeze.createdBy ?? 'app-config',
          createdAt: window.start.toISOString(),
          recurring: {
            name: freeze.name,
            ...(freeze.id ? { ruleId: freeze.id } : {}),
            schedule,
            timeZone: freeze.timeZone,
            ...(state.nextOpensAt
              ? { nextOpensAt: state.nextOpensAt.toISOString() }
              : {}),
            ...(state.nextClosesAt
              ? { nextClosesAt: state.nextClosesAt.toISOString() }
              : {}),
          },
        });
      }
    }
    return windows;
  }
}
