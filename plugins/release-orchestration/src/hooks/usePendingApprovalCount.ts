import { useApi } from '@backstage/core-plugin-api';
import { useEffect, useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseOrchestrationApiRef } from '../api';
import { useLiveRefresh } from './useLiveRefresh';

const CHANGED_EVENT = 'release-orchestration:approvals-changed';
const PAGE = 200;

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
  /** More than `count` wait (the count covers the first 200). */
  more: boolean;
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
  const { value, error, retry } = useAsyncRetry(async () => {
    const page = await api.listPromotions({
      state: 'pending_approval',
      approver: 'me',
      limit: PAGE,
    });
    return { count: page.items.length, more: Boolean(page.nextCursor) };
  }, [api]);
  const retryRef = useRef(retry);
  retryRef.current = retry;

  useEffect(() => {
    const refresh = () => retryRef.current();
    window.addEventListener(CHANGED_EVENT, refresh);
    return () => window.removeEventListener(CHANGED_EVENT, refresh);
  }, []);
  useLiveRefresh(retry, { pollIntervalMs });

  return { count: value?.count, more: value?.more ?? false, error };
}
