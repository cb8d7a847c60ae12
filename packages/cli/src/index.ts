/**
 * The Release Orchestration CLI for pipelines.
 *
 * @packageDocumentation
 */

export { main } from './cli';
export type { CliIo } from './cli';
export { ExitCode } from './exitCodes';

/** Runs the CLI on the process's arguments, environment and streams. */
export async function run(): Promise<void> {
  const { main: runMain } = await import('./cli');
  process.exitCode = await runMain(process.argv.slice(2), {
    env: process.env,
    stdout: line => process.stdout.write(`${line}\n`),
    stderr: line => process.stderr.write(`${line}\n`),
  });
}
