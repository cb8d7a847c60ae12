import { FreezeWindow } from '@release-orchestration/plugin-release-orchestration-common';
import { formatDateTime } from './plainWords';

/** Whether a freeze window covers the System (a window without Systems covers every System). */
export function freezeCovers(freeze: FreezeWindow, systemRef: string): boolean {
  return freeze.systems.length === 0 || freeze.systems.includes(systemRef);
}

/**
 * The windows in force at `now` and those still to come, each by start, for
 * one System or (without `systemRef`) for every System.
 */
export function splitFreezes(
  freezes: FreezeWindow[],
  options: { systemRef?: string; now?: Date } = {},
): { active: FreezeWindow[]; upcoming: FreezeWindow[] } {
  const now = (options.now ?? new Date()).getTime();
  const relevant = freezes
    .filter(f => !options.systemRef || freezeCovers(f, options.systemRef))
    .filter(f => Date.parse(f.end) > now)
    .sort((a, b) => a.start.localeCompare(b.start));
  return {
    active: relevant.filter(f => Date.parse(f.start) <= now),
    upcoming: relevant.filter(f => Date.parse(f.start) > now),
  };
}

/**
 * For a recurring window of app-config: when it next closes and opens, in its own time zone
 * ("next closes Mon, 26 Oct 2026, 08:00 CET; next opens Fri, 30 Oct 2026, 16:00 CET");
 * undefined for a one-off freeze.
 */
export function describeRecurringNext(
  freeze: FreezeWindow,
): string | undefined {
  const recurring = freeze.recurring;
  if (!recurring) {
    return undefined;
  }
  const parts = [
    ...(recurring.nextClosesAt
      ? [
          `next closes ${formatDateTime(
            recurring.nextClosesAt,
            recurring.timeZone,
          )}`,
        ]
      : []),
    ...(recurring.nextOpensAt
      ? [
          `next opens ${formatDateTime(
            recurring.nextOpensAt,
            recurring.timeZone,
          )}`,
        ]
      : []),
  ];
  // Not in force: the next opening comes before its closing.
  if (
    recurring.nextOpensAt &&
    recurring.nextClosesAt &&
    recurring.nextOpensAt < recurring.nextClosesAt
  ) {
    parts.reverse();
  }
  return parts.join('; ');
}
