import { useApi } from '@backstage/core-plugin-api';
import { useEffect, useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseOrchestrationApiRef } from '../api';
import { useLiveRefresh } from './useLiveRefresh';

const CHANGED_EVENT = 'release-orchestration:approvals-changed';

/** Tells every {@link usePendingApprovalCount} in the page that votes or requests changed the queue. */
export function notifyApprovalsChanged() {
  window.dispatchEvent(new Event(CHANGED_EVENT));
}

/**
 * How many promotions wait for the signed-in user's vote.
 * @public
 */
export interface PendingApprovalCount {
  /** Absent while loading or when the queue cannot be read (e.g. no permission). */
  count?: number;
  error?: Error;
}

/**
 * The number of promotions the signed-in user may vote on now, for a badge in
 * the sidebar or a page header. Refreshes at once when the backend signals a
 * change (Backstage signals, when the app has the signals plugin), whenever the
 * plugin's own UI records a vote or a request, and every `pollIntervalMs` as the
 * fallback (default: one minute without signals, five minutes with them).
 * @public
 */
export function usePendingApprovalCount(
  options: { pollIntervalMs?: number } = {},
): PendingApprovalCount {
  const { pollIntervalMs } = options;
  const api = useApi(releaseOrchestrationApiRef);
  // The count alone (GET /promotions/count): the badge shows on every page, and reading the
  // promotions with their releases and evidence for it made it the pages' slowest request.
  const { value, error, retry } = useAsyncRetry(
    () => api.countPromotions({ state: 'pending_approval', approver: 'me' }),
    [api],
  );
  const retryRef = useRef(retry);
  retryRef.current = retry;

  useEffect(() => {
    const refresh = () => retryRef.current();
    window.addEventListener(CHANGED_EVENT, refresh);
    return () => window.removeEventListener(CHANGED_EVENT, refresh);
  }, []);
  useLiveRefresh(retry, { pollIntervalMs });

  return { count: value?.count, error };
}
