import { InputError } from '@backstage/errors';
import { ListCursor } from '../database/types';

/** Encodes the position after the last item of a page. */
export function encodeCursor(item: ListCursor): string {
  return Buffer.from(JSON.stringify([item.createdAt, item.id]), 'utf8').toString('base64url');
}

/** Decodes a cursor from a client; a cursor that was not made by {@link encodeCursor} is a 400. */
export function decodeCursor(cursor: string | undefined): ListCursor | undefined {
  if (cursor === undefined) {
    return undefined;
  }
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof createdAt === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(createdAt))) {
      return { createdAt, id };
    }
  } catch {
    // fall through to the error below
  }
  throw new InputError('cursor: is not a cursor this API returned; pass nextCursor from the previous page');
}

/** Builds a page from `limit + 1` fetched items. */
export function toPage<T extends ListCursor>(items: T[], limit: number) {
  const hasMore = items.length > limit;
  const pageItems = hasMore ? items.slice(0, limit) : items;
  return {
    items: pageItems,
    ...(hasMore ? { nextCursor: encodeCursor(pageItems[pageItems.length - 1]) } : {}),
  };
}
