/** A record of an ingest, by what it can touch that another record might also touch. */
export interface IngestFootprint {
  /** Its place in the ingest. */
  index: number;
  /**
   * The System whose rows it writes (running state, incidents, roll-ups, locks), or undefined when
   * that is not known before writing (a deployment of a release or promotion).
   */
  system: string | undefined;
  /** Unique keys it inserts that records of other Systems could repeat (an idempotency key). */
  keys: string[];
}

/**
 * Splits an ingest's records into at most `count` groups that no two transactions running at once
 * could make depend on each other: records of the same System, or sharing a unique key, stay in
 * one group, in their order, so each System's history is applied as if alone. Groups are balanced
 * by their number of records (the largest set of linked Systems first, each into the group with
 * the fewest so far). Everything is one group when a record's System is unknown, when `count` is
 * 1, or when a group would get fewer than `minPerGroup` records (two transactions cost two
 * commits; for a handful of records one is cheaper).
 */
export function independentGroups(
  footprints: IngestFootprint[],
  count: number,
  minPerGroup: number,
): number[][] {
  const all = footprints.map(f => f.index);
  if (
    count <= 1 ||
    footprints.length < 2 * minPerGroup ||
    footprints.some(f => f.system === undefined)
  ) {
    return footprints.length > 0 ? [all] : [];
  }
  // Union-find over the records' Systems and keys: linked ones must share a group.
  const parent = new Map<string, string>();
  const find = (node: string): string => {
    let root = node;
    while (parent.get(root) !== root) {
      root = parent.get(root)!;
    }
    let at = node;
    while (at !== root) {
      const next = parent.get(at)!;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  const add = (node: string) => {
    if (!parent.has(node)) {
      parent.set(node, node);
    }
  };
  for (const { system, keys } of footprints) {
    const own = `s\n${system}`;
    add(own);
    for (const key of keys) {
      const node = `k\n${key}`;
      add(node);
      const [a, b] = [find(own), find(node)];
      if (a !== b) {
        parent.set(b, a);
      }
    }
  }
  const sets = new Map<string, number[]>();
  for (const { index, system } of footprints) {
    const root = find(`s\n${system}`);
    const set = sets.get(root);
    if (set) {
      set.push(index);
    } else {
      sets.set(root, [index]);
    }
  }
  const groups: number[][] = Array.from({ length: count }, () => []);
  const bySize = [...sets.values()].sort((a, b) => b.length - a.length);
  for (const set of bySize) {
    let smallest = groups[0];
    for (const group of groups) {
      if (group.length < smallest.length) {
        smallest = group;
      }
    }
    smallest.push(...set);
  }
  const filled = groups.filter(g => g.length > 0);
  if (filled.some(g => g.length < minPerGroup)) {
    return [all];
  }
  // Each group in the ingest's order.
  return filled.map(g => g.sort((a, b) => a - b));
}
