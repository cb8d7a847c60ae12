import fs from 'node:fs';

/**
 * A V8 heap snapshot (`.heapsnapshot`, as v8.writeHeapSnapshot writes it) as typed arrays: read
 * from a Buffer byte by byte rather than with one JSON.parse, so snapshots of a few hundred MiB
 * fit in a normal heap.
 */
export interface HeapGraph {
  nodeFieldCount: number;
  edgeFieldCount: number;
  nodeTypes: string[];
  edgeTypes: string[];
  /** Flat node fields: type, name, id, self_size, edge_count, ... (nodeFieldCount each). */
  nodes: Float64Array;
  /** Flat edge fields: type, name_or_index, to_node (edgeFieldCount each). */
  edges: Uint32Array;
  strings: string[];
  /** Index into `edges` (in edges, not fields) of each node's first edge. */
  firstEdge: Uint32Array;
  /** Offsets of the fields in a node and an edge. */
  f: {
    type: number;
    name: number;
    id: number;
    selfSize: number;
    edgeCount: number;
    edgeType: number;
    edgeName: number;
    toNode: number;
  };
}

function numbers(
  buffer: Buffer,
  marker: string,
  count: number,
  Type: Float64ArrayConstructor | Uint32ArrayConstructor,
) {
  const at = buffer.indexOf(marker);
  if (at < 0) {
    throw new Error(`not a heap snapshot: no ${marker}`);
  }
  const out = new Type(count);
  let n = 0;
  let value = 0;
  let inNumber = false;
  for (let i = at + marker.length; i < buffer.length; i++) {
    const c = buffer[i];
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      inNumber = true;
    } else {
      if (inNumber) {
        out[n++] = value;
        value = 0;
        inNumber = false;
      }
      if (c === 93 /* ] */) {
        break;
      }
    }
  }
  if (n !== count) {
    throw new Error(
      `heap snapshot: ${marker} holds ${n} numbers, its header says ${count}`,
    );
  }
  return out;
}

/** Parses a heap snapshot file. */
export function parseHeapSnapshot(buffer: Buffer): HeapGraph {
  const nodesAt = buffer.indexOf('"nodes":[');
  if (nodesAt < 0) {
    throw new Error('not a heap snapshot: no "nodes"');
  }
  const header = JSON.parse(
    `${buffer.toString('utf8', 0, nodesAt).trim().replace(/,$/, '')}}`,
  ).snapshot;
  const meta = header.meta;
  const nodeFields: string[] = meta.node_fields;
  const edgeFields: string[] = meta.edge_fields;
  const nodes = numbers(
    buffer,
    '"nodes":[',
    header.node_count * nodeFields.length,
    Float64Array,
  ) as Float64Array;
  const edges = numbers(
    buffer,
    '"edges":[',
    header.edge_count * edgeFields.length,
    Uint32Array,
  ) as Uint32Array;
  const stringsAt = buffer.indexOf('"strings":[');
  const end = buffer.lastIndexOf(']');
  const strings: string[] = JSON.parse(
    buffer.toString('utf8', stringsAt + '"strings":'.length, end + 1),
  );
  const f = {
    type: nodeFields.indexOf('type'),
    name: nodeFields.indexOf('name'),
    id: nodeFields.indexOf('id'),
    selfSize: nodeFields.indexOf('self_size'),
    edgeCount: nodeFields.indexOf('edge_count'),
    edgeType: edgeFields.indexOf('type'),
    edgeName: edgeFields.indexOf('name_or_index'),
    toNode: edgeFields.indexOf('to_node'),
  };
  const nodeCount = header.node_count as number;
  const firstEdge = new Uint32Array(nodeCount + 1);
  for (let i = 0, e = 0; i < nodeCount; i++) {
    firstEdge[i] = e;
    e += nodes[i * nodeFields.length + f.edgeCount];
    firstEdge[i + 1] = e;
  }
  return {
    nodeFieldCount: nodeFields.length,
    edgeFieldCount: edgeFields.length,
    nodeTypes: meta.node_types[0],
    edgeTypes: meta.edge_types[0],
    nodes,
    edges,
    strings,
    firstEdge,
    f,
  };
}

/** Reads and parses a heap snapshot file. */
export function readHeapSnapshot(file: string): HeapGraph {
  return parseHeapSnapshot(fs.readFileSync(file));
}

/** Number of nodes of a graph. */
export const nodeCount = (g: HeapGraph) => g.nodes.length / g.nodeFieldCount;

/** What a node is counted as: its constructor for objects, `(closure)`, `(string)`, `(array)` and so on. */
export function classOf(g: HeapGraph, node: number): string {
  const type = g.nodeTypes[g.nodes[node * g.nodeFieldCount + g.f.type]];
  const name = g.strings[g.nodes[node * g.nodeFieldCount + g.f.name]];
  switch (type) {
    case 'object':
    case 'native':
      return name.split(' ')[0] || '(anonymous object)';
    case 'concatenated string':
    case 'sliced string':
    case 'string':
      return '(string)';
    default:
      return `(${type})`;
  }
}

/** Count and self size per class. */
export function countByClass(
  g: HeapGraph,
): Map<string, { count: number; bytes: number }> {
  const out = new Map<string, { count: number; bytes: number }>();
  for (let i = 0; i < nodeCount(g); i++) {
    const k = classOf(g, i);
    const c = out.get(k) ?? { count: 0, bytes: 0 };
    c.count++;
    c.bytes += g.nodes[i * g.nodeFieldCount + g.f.selfSize];
    out.set(k, c);
  }
  return out;
}

/** Growth of one class between two snapshots. */
export interface ClassGrowth {
  name: string;
  countBefore: number;
  countAfter: number;
  bytesBefore: number;
  bytesAfter: number;
  /** Objects in the later snapshot that the earlier one did not have (by snapshot id). */
  newObjects: number;
}

/** Classes ordered by self-size growth between `before` and `after` (two snapshots of one process). */
export function diffByClass(
  before: HeapGraph,
  after: HeapGraph,
): ClassGrowth[] {
  const a = countByClass(before);
  const b = countByClass(after);
  const ids = new Float64Array(nodeCount(before));
  for (let i = 0; i < ids.length; i++) {
    ids[i] = before.nodes[i * before.nodeFieldCount + before.f.id];
  }
  ids.sort();
  const newPerClass = new Map<string, number>();
  for (let i = 0; i < nodeCount(after); i++) {
    if (!hasSorted(ids, after.nodes[i * after.nodeFieldCount + after.f.id])) {
      const k = classOf(after, i);
      newPerClass.set(k, (newPerClass.get(k) ?? 0) + 1);
    }
  }
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names]
    .map(name => ({
      name,
      countBefore: a.get(name)?.count ?? 0,
      countAfter: b.get(name)?.count ?? 0,
      bytesBefore: a.get(name)?.bytes ?? 0,
      bytesAfter: b.get(name)?.bytes ?? 0,
      newObjects: newPerClass.get(name) ?? 0,
    }))
    .sort(
      (x, y) => y.bytesAfter - y.bytesBefore - (x.bytesAfter - x.bytesBefore),
    );
}

function hasSorted(sorted: Float64Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === value) {
      return true;
    }
    if (sorted[mid] < value) {
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return false;
}

/**
 * The shortest retainer path from the GC roots to every node (breadth first over strong edges):
 * the parent node and the edge that holds it; -1 for unreachable nodes and the root.
 */
export function shortestRetainers(g: HeapGraph): {
  parent: Int32Array;
  parentEdge: Int32Array;
} {
  const n = nodeCount(g);
  const parent = new Int32Array(n).fill(-1);
  const parentEdge = new Int32Array(n).fill(-1);
  const seen = new Uint8Array(n);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  queue[tail++] = 0;
  seen[0] = 1;
  const weak = g.edgeTypes.indexOf('weak');
  while (head < tail) {
    const node = queue[head++];
    for (let e = g.firstEdge[node]; e < g.firstEdge[node + 1]; e++) {
      if (g.edges[e * g.edgeFieldCount + g.f.edgeType] === weak) {
        continue;
      }
      const to = g.edges[e * g.edgeFieldCount + g.f.toNode] / g.nodeFieldCount;
      if (!seen[to]) {
        seen[to] = 1;
        parent[to] = node;
        parentEdge[to] = e;
        queue[tail++] = to;
      }
    }
  }
  return { parent, parentEdge };
}

/** The name of an edge as the DevTools show it: a property name, `[index]`, or its type. */
export function edgeLabel(g: HeapGraph, edge: number): string {
  const type = g.edgeTypes[g.edges[edge * g.edgeFieldCount + g.f.edgeType]];
  const nameOrIndex = g.edges[edge * g.edgeFieldCount + g.f.edgeName];
  if (type === 'element' || type === 'hidden') {
    return '[]';
  }
  return type === 'internal' ||
    type === 'property' ||
    type === 'context' ||
    type === 'shortcut'
    ? String(g.strings[nameOrIndex])
    : `(${type})`;
}

/**
 * The retainer paths of the objects of `className` that `after` has and `before` had not,
 * grouped: each path from a GC root to the object, as `Class.edge -> Class.edge -> ...`, with
 * how many new objects hang on it. Array indices are folded to `[]` so one growing container
 * is one path.
 */
export function retainerPathsOfNew(
  before: HeapGraph,
  after: HeapGraph,
  className: string,
  limit = 5,
): Array<{ path: string; objects: number }> {
  const ids = new Float64Array(nodeCount(before));
  for (let i = 0; i < ids.length; i++) {
    ids[i] = before.nodes[i * before.nodeFieldCount + before.f.id];
  }
  ids.sort();
  const { parent, parentEdge } = shortestRetainers(after);
  const paths = new Map<string, number>();
  for (let i = 0; i < nodeCount(after); i++) {
    if (
      classOf(after, i) !== className ||
      hasSorted(ids, after.nodes[i * after.nodeFieldCount + after.f.id])
    ) {
      continue;
    }
    const hops: string[] = [];
    for (
      let node = i, guard = 0;
      parent[node] >= 0 && guard < 40;
      node = parent[node], guard++
    ) {
      hops.push(
        `${classOf(after, parent[node])}.${edgeLabel(after, parentEdge[node])}`,
      );
    }
    const path =
      hops.length === 0 ? '(unreachable)' : hops.reverse().join(' -> ');
    paths.set(path, (paths.get(path) ?? 0) + 1);
  }
  return [...paths]
    .map(([path, objects]) => ({ path, objects }))
    .sort((a, b) => b.objects - a.objects)
    .slice(0, limit);
}
