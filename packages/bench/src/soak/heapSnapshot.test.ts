import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import {
  diffByClass,
  parseHeapSnapshot,
  readHeapSnapshot,
  retainerPathsOfNew,
} from './heapSnapshot';

/** A snapshot in V8's format: the root holds a Holder whose `items` array holds the Items. */
function snapshot(itemIds: number[]) {
  const strings = [
    '',
    '(GC roots)',
    'Holder',
    'Array',
    'Item',
    'holder',
    'items',
  ];
  const nodeTypes = [
    'hidden',
    'array',
    'string',
    'object',
    'code',
    'closure',
    'regexp',
    'number',
    'native',
    'synthetic',
  ];
  const edgeTypes = [
    'context',
    'element',
    'property',
    'internal',
    'hidden',
    'shortcut',
    'weak',
  ];
  const F = 6; // type, name, id, self_size, edge_count, trace_node_id
  const nodes = [
    [9, 1, 1, 0, 1, 0], // root -> holder
    [3, 2, 3, 32, 1, 0], // Holder -> items
    [3, 3, 5, 16, itemIds.length, 0], // Array -> every Item
    ...itemIds.map(id => [3, 4, id, 24, 0, 0]),
  ];
  const edges = [
    [2, 5, 1 * F],
    [2, 6, 2 * F],
    ...itemIds.map((_, i) => [1, i, (3 + i) * F]),
  ];
  return Buffer.from(
    JSON.stringify({
      snapshot: {
        meta: {
          node_fields: [
            'type',
            'name',
            'id',
            'self_size',
            'edge_count',
            'trace_node_id',
          ],
          node_types: [
            nodeTypes,
            'string',
            'number',
            'number',
            'number',
            'number',
          ],
          edge_fields: ['type', 'name_or_index', 'to_node'],
          edge_types: [edgeTypes, 'string_or_number', 'node'],
        },
        node_count: nodes.length,
        edge_count: edges.length,
      },
      nodes: nodes.flat(),
      edges: edges.flat(),
      strings,
    }).replace('"nodes":', '\n"nodes":'),
  );
}

describe('heap snapshot diff', () => {
  it('finds the class that grew, its new objects and the path that holds them', () => {
    const before = parseHeapSnapshot(snapshot([7]));
    const after = parseHeapSnapshot(snapshot([7, 9, 11]));
    const [top] = diffByClass(before, after);
    expect(top).toEqual({
      name: 'Item',
      countBefore: 1,
      countAfter: 3,
      bytesBefore: 24,
      bytesAfter: 72,
      newObjects: 2,
    });
    expect(retainerPathsOfNew(before, after, 'Item')).toEqual([
      { path: '(synthetic).holder -> Holder.items -> Array.[]', objects: 2 },
    ]);
  });

  it('refuses a file that is not a snapshot', () => {
    expect(() => parseHeapSnapshot(Buffer.from('{"a":1}'))).toThrow(
      'not a heap snapshot',
    );
  });

  it('reads what V8 writes: objects a module keeps adding to show up with their holder', () => {
    class SoakLeakProbe {
      constructor(readonly n: number) {}
    }
    const kept: { probes: SoakLeakProbe[] } = { probes: [] };
    (globalThis as any).soakLeakHolder = kept;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soak-heap-'));
    try {
      kept.probes.push(
        ...Array.from({ length: 10 }, (_, i) => new SoakLeakProbe(i)),
      );
      const first = readHeapSnapshot(
        v8.writeHeapSnapshot(path.join(dir, '1.heapsnapshot')),
      );
      kept.probes.push(
        ...Array.from({ length: 500 }, (_, i) => new SoakLeakProbe(i)),
      );
      const second = readHeapSnapshot(
        v8.writeHeapSnapshot(path.join(dir, '2.heapsnapshot')),
      );
      const probe = diffByClass(first, second).find(
        c => c.name === 'SoakLeakProbe',
      )!;
      expect(probe).toMatchObject({
        countBefore: 10,
        countAfter: 510,
        newObjects: 500,
      });
      const [held] = retainerPathsOfNew(first, second, 'SoakLeakProbe');
      expect(held.objects).toBe(500);
      expect(held.path).toMatch(
        /soakLeakHolder -> Object\.probes -> Array\.\[\]/,
      );
    } finally {
      delete (globalThis as any).soakLeakHolder;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
