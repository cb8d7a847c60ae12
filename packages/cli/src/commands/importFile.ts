import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ApiSuccessBody } from '@release-orchestration/plugin-release-orchestration-common';
import { Command, optionalFlag, print } from '../command';
import { CliError, ExitCode } from '../exitCodes';

/** The most lines the server takes in one request. */
const SERVER_MAX_LINES = 10_000;

function parseChunkSize(value: string | undefined): number {
  if (value === undefined) {
    return 5_000;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > SERVER_MAX_LINES) {
    throw new CliError(
      `--lines-per-request must be a whole number from 1 to ${SERVER_MAX_LINES}, got '${value}'`,
      ExitCode.usage,
    );
  }
  return n;
}

/** The file's lines in parts of `size` lines, with the file line number of each part's first line. */
async function* chunksOf(
  path: string,
  size: number,
): AsyncGenerator<{ firstLine: number; lines: string[] }> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const done = new Promise<never>((_, reject) =>
    input.on('error', error =>
      reject(
        new CliError(`cannot read ${path}: ${error.message}`, ExitCode.usage),
      ),
    ),
  );
  const lines = createInterface({ input, crlfDelay: Infinity });
  let chunk: string[] = [];
  let firstLine = 1;
  const iterator = lines[Symbol.asyncIterator]();
  for (;;) {
    const next = await Promise.race([iterator.next(), done]);
    if (next.done) {
      break;
    }
    chunk.push(next.value);
    if (chunk.length === size) {
      yield { firstLine, lines: chunk };
      firstLine += chunk.length;
      chunk = [];
    }
  }
  if (chunk.some(line => line.trim() !== '')) {
    yield { firstLine, lines: chunk };
  }
}

/** `import`: POST /import, a history file in parts. */
export const importFile: Command = {
  name: 'import',
  summary:
    'Import history (builds, deployments, incidents) from an NDJSON file; re-running it is harmless',
  usage: '<file.ndjson> [--lines-per-request 5000]',
  example: 'release-orchestration import history.ndjson',
  positionals: ['file'],
  options: {
    'lines-per-request': { type: 'string' },
  },
  async run(ctx, flags, positionals) {
    const path = positionals[0];
    if (!path) {
      throw new CliError(
        'give the NDJSON file to import as an argument',
        ExitCode.usage,
      );
    }
    const size = parseChunkSize(optionalFlag(flags, 'lines-per-request'));
    const total = {
      lines: 0,
      created: 0,
      finished: 0,
      unchanged: 0,
      rejected: 0,
    };
    const rejected: Array<{ line: number; status?: number; error?: string }> =
      [];
    for await (const chunk of chunksOf(path, size)) {
      if (!chunk.lines.some(line => line.trim() !== '')) {
        continue;
      }
      const { body } = await ctx.client.postText<
        ApiSuccessBody<'importRecords'>
      >('/import', chunk.lines.join('\n'), 'application/x-ndjson');
      for (const key of Object.keys(total) as Array<keyof typeof total>) {
        total[key] += body.summary[key];
      }
      for (const result of body.results.filter(r => r.outcome === 'rejected')) {
        const line = chunk.firstLine + result.line - 1;
        rejected.push({
          line,
          status: result.status,
          error: result.error?.replace(/^line \d+: /, ''),
        });
      }
      ctx.err(
        `${path}: ${chunk.firstLine + chunk.lines.length - 1} lines read, ${
          total.created
        } created so far`,
      );
    }
    if (total.lines === 0) {
      throw new CliError(
        `${path} has no records; it must hold one JSON object a line`,
        ExitCode.usage,
      );
    }
    if (!ctx.json) {
      for (const r of rejected) {
        ctx.err(`${path}:${r.line}: ${r.status} ${r.error}`);
      }
      if (total.created > 0) {
        ctx.err(
          "The DORA figures count imported production deployments once the portal has caught up on them, in the background from a second after the last request; a System's Sources panel says how many are left.",
        );
      }
    }
    print(
      ctx,
      `Imported ${path}: ${total.lines} records, ${total.created} created, ${total.finished} finished, ${total.unchanged} already recorded, ${total.rejected} rejected`,
      { summary: total, rejected },
    );
    return total.rejected > 0 ? ExitCode.refused : ExitCode.ok;
  },
};
