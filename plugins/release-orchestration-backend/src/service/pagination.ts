import { InputError } from '@backstage/errors';
import { parseTimestamp } from '@release-orchestration/plugin-release-orchestration-common';
import { ListCursor } from '../database/types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The message of every refused cursor. */
export const BAD_CURSOR_MESSAGE =
  'cursor: is not a cursor this API returned; pass nextCursor from the previous page';

/** Encodes the position after the last item of a page. */
export function encodeCursor(item: ListCursor): string {
  return Buffer.from(
    JSON.stringify([item.createdAt, item.id]),
    'utf8',
  ).toString('base64url');
}

/**
 * Decodes a cursor from a client. Only what {@link encodeCursor} makes is accepted: a canonical
 * UTC ISO timestamp in the years 0001-9999 and a row id, encoded exactly as this API encodes
 * them; anything else is a 400 naming `cursor`, before it reaches a query.
 */
export function decodeCursor(
  cursor: string | undefined,
): ListCursor | undefined {
  if (cursor === undefined) {
    return undefined;
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InputError(BAD_CURSOR_MESSAGE);
  }
  if (Array.isArray(decoded) && decoded.length === 2) {
    const [createdAt, id] = decoded;
    if (
      typeof createdAt === 'string' &&
      typeof id === 'string' &&
      UUID.test(id)
    ) {
      const time = parseTimestamp(createdAt);
      const item = { createdAt, id };
      if (
        'ms' in time &&
        new Date(time.ms).toISOString() === createdAt &&
        encodeCursor(item) === cursor
      ) {
        return item;
      }
    }
  }
  throw new InputError(BAD_CURSOR_MESSAGE);
}

/** Builds a page from `limit + 1` fetched items. */
export function toPage<T extends ListCursor>(items: T[], limit: number) {
  const hasMore = items.length > limit;
  const pageItems = hasMore ? items.slice(0, limit) : items;
  return {
    items: pageItems,
    ...(hasMore
      ? { nextCursor: encodeCursor(pageItems[pageItems.length - 1]) }
      : {}),
  };
}
