/** What the end check found for one kind of write. */
export interface ExactlyOnceResult {
  /** Writes the load sent and got a 2xx for (each counted once, however many attempts it took). */
  accepted: number;
  /** Writes the load gave up on (no 2xx after its retries): they may or may not be stored. */
  inDoubt: number;
  /** Rows in the database that carry this run's markers. */
  stored: number;
  /** Accepted but not in the database. */
  lost: string[];
  /** In the database more than once (marker and count). */
  duplicated: Array<{ marker: string; count: number }>;
  /** In the database but never accepted nor in doubt: written by nobody the load knows. */
  unexpected: string[];
  ok: boolean;
}

/**
 * Checks that every accepted write is stored exactly once: `stored` counts the rows (or audit
 * events) per marker. A write in doubt may be stored once or not at all, never twice.
 */
export function checkExactlyOnce(
  accepted: Iterable<string>,
  stored: ReadonlyMap<string, number>,
  inDoubt: Iterable<string> = [],
): ExactlyOnceResult {
  const acceptedSet = new Set(accepted);
  const doubtSet = new Set([...inDoubt].filter(m => !acceptedSet.has(m)));
  const lost = [...acceptedSet].filter(m => !stored.has(m)).sort();
  const duplicated: ExactlyOnceResult['duplicated'] = [];
  const unexpected: string[] = [];
  let total = 0;
  for (const [marker, count] of stored) {
    total += count;
    if (count > 1) {
      duplicated.push({ marker, count });
    }
    if (!acceptedSet.has(marker) && !doubtSet.has(marker)) {
      unexpected.push(marker);
    }
  }
  duplicated.sort((a, b) => a.marker.localeCompare(b.marker));
  unexpected.sort();
  return {
    accepted: acceptedSet.size,
    inDoubt: doubtSet.size,
    stored: total,
    lost,
    duplicated,
    unexpected,
    ok: lost.length === 0 && duplicated.length === 0 && unexpected.length === 0,
  };
}
