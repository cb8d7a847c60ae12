import fs from 'node:fs';
import path from 'node:path';
import { BenchResults, renderMarkdown } from './report';

/**
 * Writes a run's JSON to `file` (`--results`) and its Markdown beside it (`.md` for `.json`);
 * returns the JSON's absolute path.
 */
export function writeNamedResults(file: string, results: BenchResults): string {
  const json = path.resolve(file);
  fs.mkdirSync(path.dirname(json), { recursive: true });
  fs.writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(json.replace(/(\.json)?$/, '.md'), renderMarkdown(results));
  return json;
}
