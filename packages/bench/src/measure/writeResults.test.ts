import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formattedMarkdown, writeNamedResults } from './writeResults';

describe('writeNamedResults', () => {
  it('writes the JSON where --results says and the Markdown beside it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-results-'));
    try {
      const results = {
        generatedAt: '2026-12-06T16:00:00.000Z',
        machine: { cpus: 2 },
        commands: ['npm run bench -- --only engine'],
        runs: [],
        notes: [],
        wallSeconds: 12,
      };
      const file = writeNamedResults(
        path.join(dir, 'sub', 'scale-0.25.json'),
        results,
      );
      expect(file).toBe(path.join(dir, 'sub', 'scale-0.25.json'));
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(results);
      expect(
        fs.readFileSync(path.join(dir, 'sub', 'scale-0.25.md'), 'utf8'),
      ).toContain('npm run bench -- --only engine');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('formats the Markdown as the Prettier check of the repository wants it', () => {
    const file = path.join(__dirname, 'example.md');
    const table = '| a | b |\n|---|---|\n| 1 | 22 |\n';
    const formatted = formattedMarkdown(table, file);
    expect(formatted).toBe('| a   | b   |\n| --- | --- |\n| 1   | 22  |\n');
    expect(formattedMarkdown(formatted, file)).toBe(formatted);
  });
});
