import { StringDecoder } from 'node:string_decoder';
import { InputError } from '@backstage/errors';
import { Request } from './RouteContext';
import { PayloadTooLargeError } from './httpErrors';

/** One non-empty line of an NDJSON body: its 1-based number and its JSON value, or why not. */
export type NdjsonLine =
  | { line: number; value: unknown }
  | { line: number; error: string };

/**
 * Reads an NDJSON request body (one JSON value a line, `\n` or `\r\n`, blank lines skipped) up
 * to a size and line limit; beyond either it is a 413 naming the limit, before anything is written.
 */
export async function readNdjsonLines(
  req: Request,
  limits: { maxBytes: number; maxLines: number },
): Promise<NdjsonLine[]> {
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
  const lines: NdjsonLine[] = [];
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
    try {
      lines.push({ line: i + 1, value: JSON.parse(trimmed) });
    } catch (error) {
      lines.push({
        line: i + 1,
        error: `not valid JSON (${(error as Error).message})`,
      });
    }
  }
  if (lines.length === 0) {
    throw new InputError(
      'Invalid request body: no records; send one JSON object a line (application/x-ndjson)',
    );
  }
  return lines;
}
