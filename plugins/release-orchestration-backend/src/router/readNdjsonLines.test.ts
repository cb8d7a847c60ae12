import { Readable } from 'node:stream';
import { readNdjsonLines } from './readNdjsonLines';
import { Request } from './RouteContext';

function body(...chunks: Array<string | Buffer>): Request {
  return Readable.from(
    chunks.map(c => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c)),
  ) as unknown as Request;
}

const limits = { maxBytes: 1_000, maxLines: 3 };
const asIs = (value: unknown) => ({ success: true as const, data: value });

describe('readNdjsonLines', () => {
  it('numbers lines as the file does, skipping blank ones, with \\n or \\r\\n', async () => {
    const lines = await readNdjsonLines(
      body('{"a":1}\r\n\n  \n{"b":', '2}\n{oops\n'),
      limits,
      asIs,
    );
    expect(lines).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 4, value: { b: 2 } },
      {
        line: 5,
        error: expect.stringMatching(/^not valid JSON \(/),
      },
    ]);
  });

  it('decodes a character split between two chunks', async () => {
    const text = Buffer.from('{"name":"Zoë ✓"}', 'utf8');
    const cut = text.indexOf(0xc3) + 1; // inside the two bytes of ë
    const lines = await readNdjsonLines(
      body(text.subarray(0, cut), text.subarray(cut)),
      limits,
      asIs,
    );
    expect(lines).toEqual([{ line: 1, value: { name: 'Zoë ✓' } }]);
  });

  it('keeps what parse makes of each line, or its message', async () => {
    const lines = await readNdjsonLines(
      body('{"n":1}\n{"n":"x"}'),
      limits,
      (value: any) =>
        typeof value.n === 'number'
          ? { success: true as const, data: value.n * 10 }
          : { success: false as const, error: 'n: must be a number' },
    );
    expect(lines).toEqual([
      { line: 1, value: 10 },
      { line: 2, error: 'n: must be a number' },
    ]);
  });

  it('refuses more lines or bytes than the limits, and a body without records', async () => {
    await expect(
      readNdjsonLines(body('1\n2\n3\n\n4\n'), limits, asIs),
    ).rejects.toThrow('an import takes at most 3 lines');
    await expect(
      readNdjsonLines(body('x'.repeat(600), 'y'.repeat(600)), limits, asIs),
    ).rejects.toThrow('an import takes at most 1000 bytes');
    await expect(
      readNdjsonLines(body('\n \r\n'), limits, asIs),
    ).rejects.toThrow('no records');
  });
});
