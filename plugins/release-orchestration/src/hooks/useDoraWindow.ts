import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

/** The windows a user can pick, in days. */
export const DORA_WINDOW_DAYS = [30, 90, 180] as const;

/** One of {@link DORA_WINDOW_DAYS}. */
export type DoraWindowDays = (typeof DORA_WINDOW_DAYS)[number];

/** The window shown until the user picks another. */
export const DEFAULT_DORA_WINDOW_DAYS: DoraWindowDays = 30;

/** The URL query parameter holding the window, so links keep it. */
export const DORA_WINDOW_PARAM = 'window';

const MINUTE_MS = 60_000;

/**
 * The `[from, to)` of a window ending now. `to` is rounded up to the minute so
 * that every component rendered in the same minute asks for the same window.
 */
export function doraWindowRange(
  days: number,
  now: number = Date.now(),
): { from: string; to: string } {
  const to = Math.ceil(now / MINUTE_MS) * MINUTE_MS;
  return {
    from: new Date(to - days * 86_400_000).toISOString(),
    to: new Date(to).toISOString(),
  };
}

function parseDays(value: string | null): DoraWindowDays {
  const days = Number(value);
  return (DORA_WINDOW_DAYS as readonly number[]).includes(days)
    ? (days as DoraWindowDays)
    : DEFAULT_DORA_WINDOW_DAYS;
}

/**
 * The DORA window picked in the URL (`?window=90`), its range, and a setter
 * that keeps the rest of the URL.
 */
export function useDoraWindow() {
  const [params, setParams] = useSearchParams();
  const days = parseDays(params.get(DORA_WINDOW_PARAM));
  const range = useMemo(() => doraWindowRange(days), [days]);
  const setDays = useCallback(
    (next: DoraWindowDays) => {
      setParams(
        current => {
          const updated = new URLSearchParams(current);
          updated.set(DORA_WINDOW_PARAM, String(next));
          return updated;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return { days, range, setDays };
}

/** `?window=N` to append to a link, empty for the default window. */
export function doraWindowQuery(days: DoraWindowDays): string {
  return days === DEFAULT_DORA_WINDOW_DAYS
    ? ''
    : `?${DORA_WINDOW_PARAM}=${days}`;
}
