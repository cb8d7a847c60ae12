import { useSignal } from '@backstage/plugin-signals-react';
import {
  RELEASE_ORCHESTRATION_SIGNAL_CHANNEL,
  ReleaseOrchestrationSignal,
} from '@release-orchestration/plugin-release-orchestration-common';
import { useEffect, useRef } from 'react';

/** How often a live view refetches when the app has no signals API (no live updates). */
export const FALLBACK_POLL_MS = 60_000;
/** How often it still refetches with signals, in case a signal was missed while disconnected. */
export const SIGNALLED_POLL_MS = 5 * 60_000;

/**
 * Calls `refresh` when the backend signals a committed change to promotions, approvals,
 * deployments, evidence, freezes or releases (Backstage signals, channel
 * `release-orchestration:promotions`), only for changes to `systemRef` when given. Polling stays
 * as the fallback: every minute when the app has no signals API, every 5 minutes with it
 * (`pollIntervalMs` sets it; `false` refreshes on signals only).
 */
export function useLiveRefresh(
  refresh: () => void,
  options: { systemRef?: string; pollIntervalMs?: number | false } = {},
): { live: boolean } {
  const { systemRef } = options;
  const { lastSignal, isSignalsAvailable } =
    useSignal<ReleaseOrchestrationSignal>(RELEASE_ORCHESTRATION_SIGNAL_CHANNEL);
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;

  useEffect(() => {
    if (!lastSignal) return;
    const refs = Array.isArray(lastSignal.systemRefs)
      ? lastSignal.systemRefs
      : [];
    if (systemRef && !refs.includes(systemRef)) return;
    refreshRef.current();
  }, [lastSignal, systemRef]);

  const pollIntervalMs =
    options.pollIntervalMs ??
    (isSignalsAvailable ? SIGNALLED_POLL_MS : FALLBACK_POLL_MS);
  useEffect(() => {
    if (pollIntervalMs === false) return undefined;
    const timer = window.setInterval(
      () => refreshRef.current(),
      pollIntervalMs,
    );
    return () => window.clearInterval(timer);
  }, [pollIntervalMs]);

  return { live: isSignalsAvailable };
}
