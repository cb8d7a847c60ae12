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
  // The body stays in Buffers (outside the JavaScript heap) until it is decoded once, and lines
  // are cut one at a time: a 5,000-line request's text and lines otherwise sat in the young
  // generation, copied by every collection while the request was read and parsed.
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > limits.maxBytes) {
      req.resume();
      throw new PayloadTooLargeError(
        `Request body too large: an import takes at most ${limits.maxBytes} bytes; split the file (the CLI does)`,
      );
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks, bytes).toString('utf8');
  const lines: NdjsonLine<T>[] = [];
  let lineNumber = 0;
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    lineNumber += 1;
    const trimmed = text.slice(start, end).trim();
    start = end + 1;
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
        line: lineNumber,
        error: `not valid JSON (${(error as Error).message})`,
      });
      continue;
    }
    const parsed = parse(json);
    lines.push(
      parsed.success
        ? { line: lineNumber, value: parsed.data }
        : { line: lineNumber, error: parsed.error },
    );
  }
  if (lines.length === 0) {
    throw new InputError(
      'Invalid request body: no records; send one JSON object a line (application/x-ndjson)',
    );
  }
  return lines;
}
