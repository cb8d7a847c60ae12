import fs from 'node:fs';
import path from 'node:path';
import { BenchResults, renderMarkdown } from './report';

/** The two functions of Prettier 2 used here (it ships no type declarations). */
interface Prettier {
  resolveConfig: { sync(file: string): Record<string, unknown> | null };
  format(source: string, options: Record<string, unknown>): string;
}

const prettier: Prettier = require('prettier');

/**
 * The Markdown as the repository's Prettier configuration formats it: results files are committed,
 * and the test command's lint step fails on a file Prettier would change.
 */
export function formattedMarkdown(markdown: string, file: string): string {
  const config = prettier.resolveConfig.sync(file) ?? {};
  return prettier.format(markdown, { ...config, parser: 'markdown' });
}

/**
 * Writes a run's JSON to `file` (`--results`) and its Markdown beside it (`.md` for `.json`);
 * returns the JSON's absolute path.
 */
export function writeNamedResults(file: string, results: BenchResults): string {
  const json = path.resolve(file);
  fs.mkdirSync(path.dirname(json), { recursive: true });
  fs.writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  const markdown = json.replace(/(\.json)?$/, '.md');
  fs.writeFileSync(
    markdown,
    formattedMarkdown(renderMarkdown(results), markdown),
  );
  return json;
}
