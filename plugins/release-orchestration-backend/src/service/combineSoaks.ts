import { SoakStatus } from './evaluateSoak';

/**
 * The soak before a lane that comes after several lanes: it must have soaked in each of them, so
 * the combined soak is the furthest from done. Not started in one lane wins over an open incident
 * in another, which wins over a soak still running (the latest `readyAt`); done when all are.
 * Undefined for no lanes.
 */
export function combineSoaks(soaks: SoakStatus[]): SoakStatus | undefined {
  const notStarted = soaks.find(s => s.state === 'not-started');
  if (notStarted) {
    return notStarted;
  }
  const held = soaks.find(s => s.state === 'held');
  if (held) {
    return held;
  }
  const latest = (states: SoakStatus['state']) =>
    soaks
      .filter(s => s.state === states)
      .reduce<SoakStatus | undefined>(
        (a, b) =>
          a && 'readyAt' in a && 'readyAt' in b && a.readyAt >= b.readyAt
            ? a
            : b,
        undefined,
      );
  return latest('soaking') ?? latest('done');
}
