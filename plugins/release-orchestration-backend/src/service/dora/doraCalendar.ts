/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/** A time range `[from, to)` in epoch milliseconds. */
export interface TimeRange {
  from: number;
  to: number;
}

/** The UTC calendar date (`YYYY-MM-DD`) of an instant. */
export function utcDay(at: number | string | Date): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Midnight UTC at the start of the day containing `at`. */
export function startOfUtcDay(at: number): number {
  return Math.floor(at / DAY_MS) * DAY_MS;
}

/** Midnight UTC on the Monday of the ISO week containing `at`. */
export function startOfUtcWeek(at: number): number {
  const day = startOfUtcDay(at);
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0 .. Sunday 6
  return day - weekday * DAY_MS;
}

/** The window of equal length just before `range`. */
export function previousRange(range: TimeRange): TimeRange {
  return { from: range.from - (range.to - range.from), to: range.from };
}

/** The UTC days overlapping a range, as `YYYY-MM-DD`. */
export function daysOverlapping(range: TimeRange): string[] {
  const days: string[] = [];
  for (let day = startOfUtcDay(range.from); day < range.to; day += DAY_MS) {
    days.push(utcDay(day));
  }
  return days;
}

/** The ISO weeks overlapping a range, each clipped to it. */
export function weeksOverlapping(
  range: TimeRange,
): Array<TimeRange & { weekStart: string }> {
  const weeks: Array<TimeRange & { weekStart: string }> = [];
  for (
    let week = startOfUtcWeek(range.from);
    week < range.to;
    week += 7 * DAY_MS
  ) {
    weeks.push({
      weekStart: utcDay(week),
      from: Math.max(week, range.from),
      to: Math.min(week + 7 * DAY_MS, range.to),
    });
  }
  return weeks;
}

/** Whether an instant lies in a range. */
export function inRange(at: number, range: TimeRange): boolean {
  return at >= range.from && at < range.to;
}
