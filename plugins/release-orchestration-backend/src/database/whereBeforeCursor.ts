import { Knex } from 'knex';
import { ListCursor } from './types';

/** Restricts a newest-first `(created_at, id)` ordered query to rows after the cursor. */
export function whereBeforeCursor(query: Knex.QueryBuilder, cursor: ListCursor) {
  return query.where(q =>
    q
      .where('created_at', '<', cursor.createdAt)
      .orWhere(q2 =>
        q2.where('created_at', '=', cursor.createdAt).andWhere('id', '<', cursor.id),
      ),
  );
}
