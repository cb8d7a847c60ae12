/** Where a release stands in the soak a lane asks of the previous lane. */
export type SoakStatus =
  /** It has not succeeded in the previous lane. */
  | { state: 'not-started' }
  /** An incident against it in the previous lane is open: the soak restarts once it is resolved. */
  | { state: 'held' }
  /** Soaking since `since`; over at `readyAt`. */
  | {
      state: 'soaking';
      since: string;
      readyAt: string;
      remainingSeconds: number;
    }
  | { state: 'done'; since: string; readyAt: string };

/**
 * The soak of a release in a lane: it counts from the release's first success there, or from the
 * resolution of the last incident against it there if that came later, and is over after
 * `minSoakSeconds` without an open incident.
 */
export function evaluateSoak(input: {
  minSoakSeconds: number;
  succeededAt?: string;
  incidents: Array<{ openedAt: string; resolvedAt?: string }>;
  now: Date;
}): SoakStatus {
  if (!input.succeededAt) {
    return { state: 'not-started' };
  }
  if (input.incidents.some(i => !i.resolvedAt)) {
    return { state: 'held' };
  }
  let since = Date.parse(input.succeededAt);
  for (const incident of input.incidents) {
    since = Math.max(since, Date.parse(incident.resolvedAt!));
  }
  const ready = since + input.minSoakSeconds * 1000;
  const result = {
    since: new Date(since).toISOString(),
    readyAt: new Date(ready).toISOString(),
  };
  const remainingMs = ready - input.now.getTime();
  return remainingMs <= 0
    ? { state: 'done', ...result }
    : {
        state: 'soaking',
        ...result,
        remainingSeconds: Math.ceil(remainingMs / 1000),
      };
}

/** A duration for people: `2h`, `1h 25m`, `45m`, `1d 2h`; under a minute counts as `1m`. */
export function formatDuration(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [days && `${days}d`, hours && `${hours}h`, rest && `${rest}m`]
    .filter(Boolean)
    .join(' ');
}
