/** What a chart's values measure, which decides its round tick steps. */
export type ChartUnit = 'count' | 'ratio' | 'seconds';

const HOUR = 3600;
const DAY = 24 * HOUR;
const SECOND_STEPS = [
  60,
  300,
  600,
  900,
  1800,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  3 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
  60 * DAY,
  90 * DAY,
];
const RATIO_STEPS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5];

/** 1, 2 or 5 times a power of ten, at least `raw`. */
function roundStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const multiple of [1, 2, 5, 10]) {
    if (multiple * power >= raw) {
      return multiple * power;
    }
  }
  return 10 * power;
}

/**
 * Ticks from 0 covering `max` in at most `maxTicks` round steps of the unit:
 * whole counts, percentages, or minutes/hours/days.
 */
export function chartTicks(
  max: number,
  unit: ChartUnit,
  maxTicks = 4,
): number[] {
  if (!(max > 0)) {
    const emptyTop = { count: 1, ratio: 0.1, seconds: HOUR }[unit];
    return [0, emptyTop];
  }
  const raw = max / maxTicks;
  let step: number;
  if (unit === 'seconds') {
    step = SECOND_STEPS.find(s => s >= raw) ?? roundStep(raw / DAY) * DAY;
  } else if (unit === 'ratio') {
    step = RATIO_STEPS.find(s => s >= raw) ?? 0.5;
  } else {
    step = Math.max(1, roundStep(raw));
  }
  const ticks: number[] = [];
  for (let i = 0; i === 0 || ticks[ticks.length - 1] < max; i++) {
    // Rounded so that 0.1 + 0.2 ticks read 0.3.
    ticks.push(Math.round(i * step * 1e9) / 1e9);
  }
  return ticks;
}
