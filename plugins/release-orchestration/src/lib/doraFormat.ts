const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** Days in an average month, for "per month" frequencies. */
const MONTH_DAYS = 365.25 / 12;

/** One decimal below ten, none from ten on: "2.5", "14". */
function amount(value: number): string {
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return rounded.toLocaleString('en-US');
}

function unit(value: number, singular: string) {
  const text = amount(value);
  return `${text} ${text === '1' ? singular : `${singular}s`}`;
}

/** A duration in the largest unit that keeps the number readable: "45 min", "3.5 hours", "2.1 days". */
export function formatDuration(seconds: number): string {
  if (seconds < MINUTE) {
    return `${Math.round(seconds)} sec`;
  }
  if (seconds < HOUR) {
    return `${Math.round(seconds / MINUTE)} min`;
  }
  if (seconds < DAY) {
    return unit(seconds / HOUR, 'hour');
  }
  if (seconds < 8 * WEEK) {
    return unit(seconds / DAY, 'day');
  }
  return unit(seconds / WEEK, 'week');
}

type Unit = { size: number; name: string; plural: boolean };

function durationUnit(seconds: number): Unit {
  if (seconds < MINUTE) return { size: 1, name: 'sec', plural: false };
  if (seconds < HOUR) return { size: MINUTE, name: 'min', plural: false };
  if (seconds < DAY) return { size: HOUR, name: 'hour', plural: true };
  if (seconds < 8 * WEEK) return { size: DAY, name: 'day', plural: true };
  return { size: WEEK, name: 'week', plural: true };
}

function inUnit(value: number, u: Unit): string {
  return u.plural
    ? unit(value / u.size, u.name)
    : `${amount(value / u.size)} ${u.name}`;
}

/**
 * Two durations in one unit, the one {@link formatDuration} picks for the
 * shorter: ["45 min", "270 min"], so a reader compares numbers, not units.
 */
export function formatDurationPair(a: number, b: number): [string, string] {
  const u = durationUnit(Math.max(0, Math.min(a, b)));
  return [inUnit(a, u), inUnit(b, u)];
}

/**
 * Two frequencies (deployments per day) in one unit, the one
 * {@link formatFrequency} picks for the lower one that is not zero:
 * ["14 per week", "3 per week"].
 */
export function formatFrequencyPair(a: number, b: number): [string, string] {
  const positive = [a, b].filter(v => v > 0);
  const low = positive.length > 0 ? Math.min(...positive) : 0;
  let per = { factor: 1, name: 'day' };
  if (low < 1) per = { factor: 7, name: 'week' };
  if (low * 7 < 1) per = { factor: MONTH_DAYS, name: 'month' };
  const text = (v: number) =>
    v <= 0 ? 'none' : `${amount(v * per.factor)} per ${per.name}`;
  return [text(a), text(b)];
}

/** Deployments per day as a person says it: "3.2 per day", "2 per week", "1.5 per month". */
export function formatFrequency(perDay: number): string {
  if (perDay <= 0) {
    return 'none';
  }
  if (perDay >= 1) {
    return `${amount(perDay)} per day`;
  }
  if (perDay * 7 >= 1) {
    return `${amount(perDay * 7)} per week`;
  }
  return `${amount(perDay * MONTH_DAYS)} per month`;
}

/** A 0..1 ratio as a percentage: "12%", "4.5%", "0%". */
export function formatPercent(ratio: number): string {
  const percent = ratio * 100;
  if (percent === 0 || percent >= 10) {
    return `${Math.round(percent)}%`;
  }
  return `${Math.round(percent * 10) / 10}%`;
}

/** "1 deployment", "14 deployments". */
export function plural(
  count: number,
  noun: string,
  nouns = `${noun}s`,
): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : nouns}`;
}

/**
 * "Mar 3" for a `YYYY-MM-DD` day in the current year, "Dec 11, 2025" for one
 * in another year (so a past date never reads as a future one); in UTC like
 * the backend's weeks.
 */
export function formatShortDay(day: string, now: Date = new Date()): string {
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) {
    return day;
  }
  const otherYear = date.getUTCFullYear() !== now.getUTCFullYear();
  return date.toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    ...(otherYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  });
}
