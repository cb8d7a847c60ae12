import { parseArgs } from 'node:util';
import { ApiClient } from './ApiClient';
import { Command, CommandContext } from './command';
import { attachEvidence } from './commands/attachEvidence';
import { cutRelease } from './commands/cutRelease';
import { diff } from './commands/diff';
import { importFile } from './commands/importFile';
import { promote } from './commands/promote';
import { reportBuild } from './commands/reportBuild';
import { reportDeployment } from './commands/reportDeployment';
import { rollback } from './commands/rollback';
import { status } from './commands/status';
import { verifyEvidencePack } from './commands/verifyEvidencePack';
import { verifyManifest } from './commands/verifyManifest';
import { wait } from './commands/wait';
import { parseDuration } from './durations';
import { CliError, ExitCode, ExitCodeValue } from './exitCodes';
import { IdempotencyKeys } from './idempotencyKey';

const COMMANDS: Command[] = [
  reportBuild,
  cutRelease,
  attachEvidence,
  promote,
  wait,
  reportDeployment,
  status,
  diff,
  rollback,
  importFile,
  verifyManifest,
  verifyEvidencePack,
];

const GLOBAL_OPTIONS = {
  server: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean' },
  retries: { type: 'string' },
  'retry-delay': { type: 'string' },
  'request-timeout': { type: 'string' },
  'idempotency-key': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const GLOBAL_HELP = `Common flags:
  --server <url>           Backstage backend URL (env RELEASE_ORCHESTRATION_URL)
  --token <token>          bearer token, e.g. an external-access static token (env RELEASE_ORCHESTRATION_TOKEN)
  --json                   print the server's JSON instead of a sentence
  --dry-run                (commands that write) print the request instead of sending it
  --retries <n>            retries on network errors, 429 and 5xx (default 4); reads always, writes only
                           with an idempotency key
  --retry-delay <d>        first retry delay, doubled each time (default 1s)
  --request-timeout <d>    per attempt (default 30s)
  --idempotency-key <key>  the Idempotency-Key of this command's write (default: from the CI job and the
                           request, or a random one per run; retries always reuse it)

Exit codes: 0 ok, 1 server unreachable or failing, 2 usage, 3 refused (4xx), 4 not authenticated/allowed,
10 rejected, 11 cancelled, 12 blocked by a freeze, 13 deployment failed, 14 wait timed out,
15 a lane is drifted (status), 16 nothing released in the lane yet (status --environment),
17 a digest or hash did not match (verify-manifest, verify-evidence-pack).`;

/** The I/O the CLI uses; the process's by default, fakes in tests. */
export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  fetchFn?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

function help(command?: Command): string {
  if (command) {
    const example = command.example ? `\n\nExample:\n  ${command.example}` : '';
    return `release-orchestration ${command.name} ${command.usage}\n\n${command.summary}.${example}\n\n${GLOBAL_HELP}`;
  }
  return `release-orchestration <command> [flags]\n\nCommands:\n${COMMANDS.map(
    c => `  ${c.name.padEnd(18)} ${c.summary}`,
  ).join(
    '\n',
  )}\n\nRun release-orchestration <command> --help for its flags.\n\n${GLOBAL_HELP}`;
}

function parseRetries(value: string | undefined): number {
  if (value === undefined) {
    return 4;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 20) {
    throw new CliError(
      `--retries must be a whole number from 0 to 20, got '${value}'`,
      ExitCode.usage,
    );
  }
  return n;
}

/** Runs the CLI with the given arguments (without `node` and the script); resolves to the exit code. */
export async function main(argv: string[], io: CliIo): Promise<ExitCodeValue> {
  const [name, ...rest] = argv;
  const json = rest.includes('--json');
  try {
    if (!name || name === 'help' || name === '--help' || name === '-h') {
      io.stdout(help());
      return name ? ExitCode.ok : ExitCode.usage;
    }
    const command = COMMANDS.find(c => c.name === name);
    if (!command) {
      throw new CliError(
        `unknown command '${name}'; the commands are ${COMMANDS.map(
          c => c.name,
        ).join(', ')}`,
        ExitCode.usage,
      );
    }
    let parsed;
    try {
      parsed = parseArgs({
        args: rest,
        options: { ...GLOBAL_OPTIONS, ...command.options },
        allowPositionals: true,
        strict: true,
      });
    } catch (error) {
      throw new CliError(
        `${(error as Error).message}\n\n${help(command)}`,
        ExitCode.usage,
      );
    }
    const flags = parsed.values as Record<string, string | boolean | undefined>;
    if (flags.help) {
      io.stdout(help(command));
      return ExitCode.ok;
    }
    const url =
      (flags.server as string | undefined) ?? io.env.RELEASE_ORCHESTRATION_URL;
    if (!url && !command.offline) {
      throw new CliError(
        '--server or RELEASE_ORCHESTRATION_URL is required (the Backstage backend URL)',
        ExitCode.usage,
      );
    }
    const sleep =
      io.sleep ??
      ((ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms)));
    const client = new ApiClient({
      url: url ?? 'http://offline.invalid',
      token:
        (flags.token as string | undefined) ??
        io.env.RELEASE_ORCHESTRATION_TOKEN,
      retries: parseRetries(flags.retries as string | undefined),
      retryDelayMs: parseDuration(
        (flags['retry-delay'] as string | undefined) ?? '1s',
        'retry-delay',
      ),
      requestTimeoutMs: parseDuration(
        (flags['request-timeout'] as string | undefined) ?? '30s',
        'request-timeout',
      ),
      log: io.stderr,
      fetchFn: io.fetchFn,
      sleep,
      idempotencyKeys: new IdempotencyKeys({
        explicit: flags['idempotency-key'] as string | undefined,
        env: io.env,
      }),
    });
    const ctx: CommandContext = {
      client,
      json: Boolean(flags.json),
      env: io.env,
      out: io.stdout,
      err: io.stderr,
      now: io.now ?? Date.now,
      sleep,
    };
    return await command.run(ctx, flags, parsed.positionals);
  } catch (error) {
    const cliError =
      error instanceof CliError
        ? error
        : new CliError(
            `unexpected error: ${(error as Error)?.stack ?? error}`,
            ExitCode.unavailable,
          );
    io.stderr(`release-orchestration: ${cliError.message}`);
    if (json) {
      io.stdout(
        JSON.stringify(
          {
            error: {
              message: cliError.message,
              exitCode: cliError.exitCode,
              ...(cliError.details ? { response: cliError.details } : {}),
            },
          },
          null,
          2,
        ),
      );
    }
    return cliError.exitCode;
  }
}
