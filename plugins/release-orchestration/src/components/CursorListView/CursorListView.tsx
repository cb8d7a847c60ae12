import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import type { JSX, ReactNode } from 'react';
import { CursorList } from '../../hooks/useCursorList';

/** Properties of {@link CursorListView}. */
export interface CursorListViewProps<T> {
  /** The list state from `useCursorList`. */
  list: CursorList<T>;
  /** The empty state's title and description, and an action (e.g. the first "Cut release"). */
  empty: { title: string; description: string; action?: JSX.Element };
  /** Shown above the list and above the empty state (e.g. a hint about the entity). */
  notice?: ReactNode;
  /** Shown above the list only (e.g. a header with an action). */
  header?: ReactNode;
  /** The list itself, for the items loaded so far. */
  children: (items: T[]) => ReactNode;
}

/**
 * The states of a cursor-paginated list in one place: a progress bar while the first page loads,
 * the error when nothing could be loaded, the empty state when there is nothing, otherwise the
 * list (with the error of a failed further page above it).
 */
export function CursorListView<T>(props: CursorListViewProps<T>) {
  const { list, empty, notice, header, children } = props;
  if (list.loading) {
    return <Progress />;
  }
  if (list.error && list.items.length === 0) {
    return <ResponseErrorPanel error={list.error} />;
  }
  if (list.items.length === 0) {
    return (
      <>
        {notice}
        <EmptyState
          missing="data"
          title={empty.title}
          description={empty.description}
          action={empty.action}
        />
      </>
    );
  }
  return (
    <>
      {notice}
      {header}
      {list.error && <ResponseErrorPanel error={list.error} />}
      {children(list.items)}
    </>
  );
}
