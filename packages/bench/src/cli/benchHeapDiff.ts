/*
 * npm run bench:heap-diff -- <earlier.heapsnapshot> <later.heapsnapshot> [--top 15] [--paths 3]
 *
 * Compares two heap snapshots of one process (e.g. the soak's --heap-snapshots of replica 1):
 * the classes (constructors) whose self size grew most, how many of their objects are new, and
 * the retainer paths from the GC roots that hold the new objects of the top classes. Prints Markdown.
 */
import { parseArgs } from 'node:util';
import {
  diffByClass,
  readHeapSnapshot,
  retainerPathsOfNew,
} from '../soak/heapSnapshot';

const kib = (bytes: number) => Math.round(bytes / 1024);

function main() {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: {
      top: { type: 'string', default: '15' },
      paths: { type: 'string', default: '3' },
    },
    allowPositionals: true,
  });
  if (positionals.length !== 2) {
    throw new Error('give two heap snapshot files: the earlier and the later');
  }
  const before = readHeapSnapshot(positionals[0]);
  const after = readHeapSnapshot(positionals[1]);
  const growth = diffByClass(before, after);
  const out: string[] = [
    `Heap growth from ${positionals[0]} to ${positionals[1]} (self size; new objects by snapshot id)`,
    '',
    '| class | objects before | after | new | self KiB before | after | growth KiB |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const g of growth.slice(0, Number(values.top))) {
    out.push(
      `| ${g.name} | ${g.countBefore} | ${g.countAfter} | ${
        g.newObjects
      } | ${kib(g.bytesBefore)} | ${kib(g.bytesAfter)} | ${kib(
        g.bytesAfter - g.bytesBefore,
      )} |`,
    );
  }
  const total = (f: (g: (typeof growth)[number]) => number) =>
    growth.reduce((a, g) => a + f(g), 0);
  out.push(
    '',
    `Total self size ${kib(total(g => g.bytesBefore))} KiB -> ${kib(
      total(g => g.bytesAfter),
    )} KiB.`,
    '',
  );
  for (const g of growth
    .filter(c => c.newObjects > 0 && c.bytesAfter > c.bytesBefore)
    .slice(0, Number(values.paths))) {
    out.push(
      `Retainer paths of the ${g.newObjects} new ${g.name} objects (GC root first):`,
      '',
    );
    for (const p of retainerPathsOfNew(before, after, g.name)) {
      out.push(`- ${p.objects} objects: ${p.path}`);
    }
    out.push('');
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(
    `bench:heap-diff failed: ${(error as Error)?.stack ?? error}\n`,
  );
  process.exit(1);
}
