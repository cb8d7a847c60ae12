import { StringDecoder } from 'node:string_decoder';
import { InputError } from '@backstage/errors';
import { Request } from './RouteContext';
import { PayloadTooLargeError } from './httpErrors';

/**
 * One non-empty line of an NDJSON body: its 1-based number and its value (as `parse` made it from
 * the line's JSON), or why not.
 */
export type NdjsonLine<T = unknown> =
  | { line: number; value: T }
  | { line: number; error: string };

/**
 * Reads an NDJSON request body (one JSON value a line, `\n` or `\r\n`, blank lines skipped) up
 * to a size and line limit; beyond either it is a 413 naming the limit, before anything is written.
 *
 * `parse` turns each line's JSON value into what the caller keeps (or an error message), line by
 * line, so a line's raw JSON is garbage before the next is read: a 1,000-line import otherwise
 * holds both forms of every record through the young generation's collections.
 */
export async function readNdjsonLines<T>(
  req: Request,
  limits: { maxBytes: number; maxLines: number },
  parse: (
    value: unknown,
  ) => { success: true; data: T } | { success: false; error: string },
): Promise<NdjsonLine<T>[]> {
  const decoder = new StringDecoder('utf8');
  let text = '';
  let bytes = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > limits.maxBytes) {
      req.resume();
      throw new PayloadTooLargeError(
        `Request body too large: an import takes at most ${limits.maxBytes} bytes; split the file (the CLI does)`,
      );
    }
    text += decoder.write(chunk);
  }
  text += decoder.end();
  const lines: NdjsonLine<T>[] = [];
  const raw = text.split('\n');
  for (const [i, content] of raw.entries()) {
    const trimmed = content.trim();
    if (trimmed === '') {
      continue;
    }
    if (lines.length === limits.maxLines) {
      throw new PayloadTooLargeError(
        `Request body too large: an import takes at most ${limits.maxLines} lines; split the file (the CLI does)`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (error) {
      lines.push({
        line: i + 1,
        error: `not valid JSON (${(error as Error).message})`,
      });
      continue;
    }
    const parsed = parse(json);
    lines.push(
      parsed.success
        ? { line: i + 1, value: parsed.data }
        : { line: i + 1, error: parsed.error },
    );
  }
  if (lines.length === 0) {
    throw new InputError(
      'Invalid request body: no records; send one JSON object a line (application/x-ndjson)',
    );
  }
  return lines;
}
