import { CliError, ExitCode } from './exitCodes';

const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Parses `500ms`, `15s`, `30m`, `2h` or a plain number of seconds into milliseconds. */
export function parseDuration(value: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (!match) {
    throw new CliError(
      `--${flag}: '${value}' is not a duration like 30s, 10m or 1h`,
      ExitCode.usage,
    );
  }
  return Math.round(Number(match[1]) * UNITS[match[2] ?? 's']);
}
