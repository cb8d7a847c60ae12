import { FreezeWindow } from '@release-orchestration/plugin-release-orchestration-common';

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
