import { InputError } from '@backstage/errors';
import {
  DoraMetric,
  DoraWindowMetrics,
  normalizeEntityRef,
} from '@release-orchestration/plugin-release-orchestration-common';
import { doraMetricValue } from './doraTrends';

/** The order of `GET /dora/systems`. */
export interface DoraSystemsSort {
  sort: 'system' | DoraMetric;
  order: 'asc' | 'desc';
}

interface Key {
  value?: number;
  ref: string;
}

function compareRefs(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Orders by ref, or by the metric's value with Systems without one last in either direction
 * (ties by ref, ascending).
 */
function comparator(order: DoraSystemsSort): (a: Key, b: Key) => number {
  const sign = order.order === 'asc' ? 1 : -1;
  if (order.sort === 'system') {
    return (a, b) => sign * compareRefs(a.ref, b.ref);
  }
  return (a, b) => {
    if (a.value === undefined || b.value === undefined) {
      if (a.value === b.value) return compareRefs(a.ref, b.ref);
      return a.value === undefined ? 1 : -1;
    }
    return a.value === b.value
      ? compareRefs(a.ref, b.ref)
      : sign * (a.value - b.value);
  };
}

function encode(order: DoraSystemsSort, key: Key): string {
  return Buffer.from(
    JSON.stringify([order.sort, order.order, key.value ?? null, key.ref]),
  ).toString('base64url');
}

/** The key a cursor this API issued for the same order holds; a 400 for anything else. */
function decode(order: DoraSystemsSort, cursor: string): Key {
  const refuse = () =>
    new InputError(
      'cursor: is not a cursor this API returned for this sort and order; pass nextCursor from the previous page',
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw refuse();
  const [sort, direction, value, ref] = parsed;
  if (
    sort !== order.sort ||
    direction !== order.order ||
    !(
      value === null ||
      (typeof value === 'number' && Number.isFinite(value))
    ) ||
    typeof ref !== 'string' ||
    normalizeEntityRef(ref, 'system') !== ref
  ) {
    throw refuse();
  }
  const key = { ...(value === null ? {} : { value }), ref };
  if (encode(order, key) !== cursor) throw refuse();
  return key;
}

/**
 * One page of rows in the asked order, after the cursor's row (keyset on the sort value and the
 * System ref, so a page never repeats or skips a System that kept its value).
 */
export function pageSystemRows<
  T extends { systemRef: string; current?: DoraWindowMetrics },
>(
  rows: T[],
  query: DoraSystemsSort & { limit: number; cursor?: string },
): { items: T[]; nextCursor?: string } {
  const keyOf = (row: T): Key => {
    const value =
      query.sort === 'system' || !row.current
        ? undefined
        : doraMetricValue(row.current, query.sort);
    return { ...(value === undefined ? {} : { value }), ref: row.systemRef };
  };
  const compare = comparator(query);
  const after =
    query.cursor === undefined ? undefined : decode(query, query.cursor);
  const keyed = rows
    .map(row => ({ row, key: keyOf(row) }))
    .sort((a, b) => compare(a.key, b.key));
  const remaining = after
    ? keyed.filter(k => compare(k.key, after) > 0)
    : keyed;
  const page = remaining.slice(0, query.limit);
  return {
    items: page.map(k => k.row),
    ...(remaining.length > page.length
      ? { nextCursor: encode(query, page[page.length - 1].key) }
      : {}),
  };
}
