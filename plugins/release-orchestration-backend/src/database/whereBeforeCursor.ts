import { Knex } from 'knex';
import { ListCursor } from './types';

/**
 * Restricts a newest-first `(created_at, id)` ordered query to rows after the cursor.
 * `table` qualifies the columns when the query joins (e.g. `p` for `promotions as p`).
 */
export function whereBeforeCursor(
  query: Knex.QueryBuilder,
  cursor: ListCursor,
  table?: string,
) {
  const createdAt = table ? `${table}.created_at` : 'created_at';
  const id = table ? `${table}.id` : 'id';
  return query.where(q =>
    q
      .where(createdAt, '<', cursor.createdAt)
      .orWhere(q2 =>
        q2.where(createdAt, '=', cursor.createdAt).andWhere(id, '<', cursor.id),
      ),
  );
}

/**
 * One page of a list, newest first by `(created_at, id)`: the order every list route of the API
 * pages in, with the cursor of the previous page's last row.
 */
export function pageNewestFirst<Q extends Knex.QueryBuilder>(
  query: Q,
  options: { limit: number; cursor?: ListCursor },
  table?: string,
): Q {
  const createdAt = table ? `${table}.created_at` : 'created_at';
  const id = table ? `${table}.id` : 'id';
  query
    .orderBy([
      { column: createdAt, order: 'desc' },
      { column: id, order: 'desc' },
    ])
    .limit(options.limit);
  if (options.cursor) {
    whereBeforeCursor(query, options.cursor, table);
  }
  return query;
}
