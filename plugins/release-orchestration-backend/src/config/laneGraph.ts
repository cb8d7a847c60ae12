/** A lane as the graph sees it: its name and the lanes a release must pass before it. */
export interface LaneNode {
  name: string;
  /** Lanes before this one; empty for a lane a release may enter first. */
  after: string[];
}

/**
 * The `after` of each lane: as configured, else the lane listed before it (none for the first),
 * so a config without `after` is the line it always was.
 */
export function defaultAfter(
  lanes: Array<{ name: string; after?: string[] }>,
): LaneNode[] {
  return lanes.map((lane, index) => ({
    name: lane.name,
    after: lane.after ?? (index > 0 ? [lanes[index - 1].name] : []),
  }));
}

/**
 * Checks the lane graph and returns the lanes in graph order: every lane after the lanes it comes
 * after, otherwise in the order listed. Unknown or repeated names in `after` and cycles throw an
 * error naming the key (`<key>[i].after`) and the lanes involved.
 */
export function orderLaneGraph<T extends LaneNode>(
  lanes: T[],
  key: string,
): T[] {
  const names = lanes.map(l => l.name);
  lanes.forEach((lane, i) => {
    const seen = new Set<string>();
    lane.after.forEach((before, j) => {
      const at = `${key}[${i}].after[${j}]`;
      if (before === lane.name) {
        throw new Error(`${at}: lane '${lane.name}' cannot come after itself`);
      }
      if (!names.includes(before)) {
        throw new Error(
          `${at}: '${before}' is not a configured environment; the lanes are ${names.join(
            ', ',
          )}`,
        );
      }
      if (seen.has(before)) {
        throw new Error(`${at}: '${before}' is listed twice`);
      }
      seen.add(before);
    });
  });
  const cycle = findCycle(lanes);
  if (cycle) {
    const i = names.indexOf(cycle[0]);
    throw new Error(
      `${key}[${i}].after: the lanes form a cycle (${cycle.join(
        ' → ',
      )}); a release could never enter them. Remove one of these 'after' entries`,
    );
  }
  // Stable topological order: repeatedly take the first listed lane whose predecessors are placed.
  const placed = new Set<string>();
  const ordered: T[] = [];
  const remaining = [...lanes];
  while (remaining.length > 0) {
    const next = remaining.findIndex(l => l.after.every(a => placed.has(a)));
    const [lane] = remaining.splice(next, 1);
    placed.add(lane.name);
    ordered.push(lane);
  }
  return ordered;
}

/** A cycle as lane names, first repeated at the end, or undefined. */
function findCycle(lanes: LaneNode[]): string[] | undefined {
  const after = new Map(lanes.map(l => [l.name, l.after]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === 'done') {
      return undefined;
    }
    if (state.get(name) === 'visiting') {
      const from = path.indexOf(name);
      // `path` runs from successor to predecessor; show it in promotion order.
      return [...path.slice(from), name].reverse();
    }
    state.set(name, 'visiting');
    path.push(name);
    for (const before of after.get(name) ?? []) {
      const found = visit(before);
      if (found) {
        return found;
      }
    }
    path.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const lane of lanes) {
    const found = visit(lane.name);
    if (found) {
      return found;
    }
  }
  return undefined;
}

/** A lane whose `after` may be left out: then it comes after the lane listed before it. */
export interface LaneLike {
  name: string;
  after?: string[];
}

function afterOf(lanes: LaneLike[], index: number): string[] {
  return lanes[index].after ?? (index > 0 ? [lanes[index - 1].name] : []);
}

/** The lanes `name` comes after, in graph order. */
export function predecessorsOf<T extends LaneLike>(
  lanes: T[],
  name: string,
): T[] {
  const index = lanes.findIndex(l => l.name === name);
  if (index < 0) {
    return [];
  }
  const after = afterOf(lanes, index);
  return lanes.filter(l => after.includes(l.name));
}

/** The lanes no other lane comes after (the ends of the graph), in graph order. */
export function lastLanesOf<T extends LaneLike>(lanes: T[]): T[] {
  const before = new Set(lanes.flatMap((_, i) => afterOf(lanes, i)));
  return lanes.filter(l => !before.has(l.name));
}
