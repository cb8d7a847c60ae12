import { ParseArgsConfig } from 'node:util';
import { ApiClient } from './ApiClient';
import { CliError, ExitCode, ExitCodeValue } from './exitCodes';

/** Parsed flag values of a command. */
export type FlagValues = Record<
  string,
  string | boolean | string[] | undefined
>;

/** What a command runs with. */
export interface CommandContext {
  client: ApiClient;
  json: boolean;
  env: Record<string, string | undefined>;
  /** A line of normal output (stdout). */
  out: (line: string) => void;
  /** A line of progress or diagnostics (stderr). */
  err: (line: string) => void;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/** One subcommand. */
export interface Command {
  name: string;
  summary: string;
  /** Usage lines after `release-orchestration <name>`. */
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** An example invocation shown by `--help`. */
  example?: string;
  /** Whether it writes (and so takes `--dry-run`). */
  writes?: boolean;
  /** Whether it runs without a server (no --server needed). */
  offline?: boolean;
  /** Names of the positional arguments, in order. */
  positionals?: string[];
  run(
    ctx: CommandContext,
    flags: FlagValues,
    positionals: string[],
  ): Promise<ExitCodeValue>;
}

/** A flag that must be given. */
export function requireFlag(flags: FlagValues, name: string): string {
  const value = flags[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CliError(`--${name} is required`, ExitCode.usage);
  }
  return value;
}

/** An optional string flag. */
export function optionalFlag(
  flags: FlagValues,
  name: string,
): string | undefined {
  const value = flags[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A positional argument, or the flag of the same name. */
export function requireId(
  flags: FlagValues,
  positionals: string[],
  index: number,
  name: string,
): string {
  const value = positionals[index] ?? optionalFlag(flags, name);
  if (!value) {
    throw new CliError(
      `give the ${name.replace(/-/g, ' ')} as an argument or with --${name}`,
      ExitCode.usage,
    );
  }
  return value;
}

/** Prints the result: the server's JSON with --json, else one line for people. */
export function print(ctx: CommandContext, human: string, body: unknown) {
  ctx.out(ctx.json ? JSON.stringify(body, null, 2) : human);
}

/** A flag that may be given several times (`multiple: true`), as a list. */
export function listFlag(flags: FlagValues, name: string): string[] {
  const value = flags[name];
  if (Array.isArray(value)) {
    return value.filter(v => v.trim() !== '');
  }
  return typeof value === 'string' && value.trim() !== '' ? [value] : [];
}

/** `--dry-run`: says what would be sent instead of sending it. */
export function printDryRun(
  ctx: CommandContext,
  method: string,
  path: string,
  body: unknown,
) {
  const plan = { dryRun: true, request: { method, path, body } };
  ctx.out(
    ctx.json
      ? JSON.stringify(plan, null, 2)
      : `Dry run: would ${method} ${path}\n${JSON.stringify(body, null, 2)}`,
  );
}
