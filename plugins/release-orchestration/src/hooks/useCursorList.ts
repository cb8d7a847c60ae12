import { useCallback, useEffect, useRef, useState } from 'react';
import { Page } from '@release-orchestration/plugin-release-orchestration-common';

/** State of a cursor-paginated list that grows with "Load more". */
export interface CursorList<T> {
  items: T[];
  /** True while the first page (or a reload) is in flight. */
  loading: boolean;
  /** True while a further page is in flight. */
  loadingMore: boolean;
  error?: Error;
  hasMore: boolean;
  loadMore(): void;
  /** Drops what is loaded and fetches the first page again. */
  reload(): void;
}

/**
 * Loads the first page of a list, and more pages on demand. `fetchPage` is
 * called again from the first page whenever its identity changes.
 */
export function useCursorList<T>(
  fetchPage: (cursor?: string) => Promise<Page<T>>,
): CursorList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<Error | undefined>();
  const [generation, setGeneration] = useState(0);
  // Answers of an outdated request (a reload happened meanwhile) are dropped.
  const current = useRef(0);

  useEffect(() => {
    const request = ++current.current;
    setLoading(true);
    setError(undefined);
    fetchPage(undefined).then(
      page => {
        if (request === current.current) {
          setItems(page.items);
          setNextCursor(page.nextCursor);
          setLoading(false);
        }
      },
      e => {
        if (request === current.current) {
          setError(e);
          setLoading(false);
        }
      },
    );
  }, [fetchPage, generation]);

  const loadMore = useCallback(() => {
    if (!nextCursor || loadingMore) {
      return;
    }
    const request = current.current;
    setLoadingMore(true);
    fetchPage(nextCursor).then(
      page => {
        if (request === current.current) {
          setItems(previous => [...previous, ...page.items]);
          setNextCursor(page.nextCursor);
          setLoadingMore(false);
        }
      },
      e => {
        if (request === current.current) {
          setError(e);
          setLoadingMore(false);
        }
      },
    );
  }, [fetchPage, nextCursor, loadingMore]);

  const reload = useCallback(() => setGeneration(g => g + 1), []);

  return {
    items,
    loading,
    loadingMore,
    error,
    hasMore: Boolean(nextCursor),
    loadMore,
    reload,
  };
}
