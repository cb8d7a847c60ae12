import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { DoraSystemRow } from '@release-orchestration/plugin-release-orchestration-common';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { releaseOrchestrationApiRef } from '../../api';
import { useDoraLinks } from '../../hooks/useDoraLinks';
import { DoraWindowDays } from '../../hooks/useDoraWindow';
import { entityNameOf } from '../../lib/entityRef';
import {
  DoraMetricsTable,
  DoraMetricsTableRow,
  DoraMetricsTableSort,
} from '../DoraMetricsTable';
import { DoraErrorPanel } from '../DoraErrorPanel';
import { LoadMoreButton } from '../LoadMoreButton';

const PAGE = 25;

/**
 * Properties of {@link DoraSystemsCard}.
 */
export interface DoraSystemsCardProps {
  range: { from: string; to: string };
  days: DoraWindowDays;
  /** While true, the card waits (a progress bar) and sends no request. */
  waiting?: boolean;
}

/** Worst first on a metric's first click: the System that needs help is on top. */
function worstFirst(
  next: DoraMetricsTableSort,
  current: DoraMetricsTableSort,
): DoraMetricsTableSort {
  if (next.key === current.key || next.key === 'name') return next;
  return { ...next, direction: next.direction === 'asc' ? 'desc' : 'asc' };
}

/**
 * Every System of the organisation the caller may read, sorted and paged by
 * the server (`GET /dora/systems`): a metric's header sorts worst first.
 */
export function DoraSystemsCard(props: DoraSystemsCardProps) {
  const { range, days, waiting } = props;
  const api = useApi(releaseOrchestrationApiRef);
  const { systemLink } = useDoraLinks(days);
  const [sort, setSort] = useState<DoraMetricsTableSort>({
    key: 'name',
    direction: 'asc',
  });
  const [state, setState] = useState<{
    items: DoraSystemRow[];
    nextCursor?: string;
    loading: boolean;
    error?: Error;
  }>({ items: [], loading: true });

  const load = useCallback(
    (cursor?: string) => {
      if (sort.key === 'systems') return () => {};
      let cancelled = false;
      setState(current => ({
        ...(cursor ? current : { items: [] }),
        loading: true,
      }));
      api
        .listDoraSystems({
          entity: 'org',
          ...range,
          sort: sort.key === 'name' ? 'system' : sort.key,
          order: sort.direction,
          limit: PAGE,
          cursor,
        })
        .then(
          page => {
            if (cancelled) return;
            setState(current => ({
              items: [...(cursor ? current.items : []), ...page.items],
              nextCursor: page.nextCursor,
              loading: false,
            }));
          },
          error => {
            if (!cancelled)
              setState(current => ({ ...current, loading: false, error }));
          },
        );
      return () => {
        cancelled = true;
      };
    },
    [api, range, sort],
  );
  useEffect(() => (waiting ? undefined : load()), [load, waiting]);

  const rows: DoraMetricsTableRow[] = useMemo(
    () =>
      state.items.map(row => ({
        key: row.systemRef,
        name: (
          <Link to={systemLink(row.systemRef)}>
            {entityNameOf(row.systemRef)}
          </Link>
        ),
        sortName: entityNameOf(row.systemRef),
        current: row.current,
        previous: row.previous,
        trends: row.trends,
        outliers: row.outliers,
      })),
    [state.items, systemLink],
  );

  let content;
  if (state.error) {
    content = <DoraErrorPanel error={state.error} what="the Systems" />;
  } else if (state.loading && state.items.length === 0) {
    content = <Progress />;
  } else {
    content = (
      <>
        <DoraMetricsTable
          rows={rows}
          nameTitle="System"
          aria-label="Systems"
          sort={sort}
          onSortChange={next => setSort(current => worstFirst(next, current))}
        />
        <LoadMoreButton
          hasMore={Boolean(state.nextCursor)}
          loadingMore={state.loading}
          onLoadMore={() => load(state.nextCursor)}
        />
      </>
    );
  }
  return (
    <InfoCard
      title="Systems"
      subheader="Every System you may read; a metric's header puts the worst first, a second click the best"
    >
      {content}
    </InfoCard>
  );
}
