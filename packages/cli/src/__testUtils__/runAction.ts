import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
// yaml is installed (hoisted) for the backend's OpenAPI test; declaring it here needs a lockfile update.
// eslint-disable-next-line @backstage/no-undeclared-imports
import YAML from 'yaml';

/** The composite action of this repository, parsed. */
export async function readAction(): Promise<any> {
  return YAML.parse(
    await readFile(
      path.resolve(
        __dirname,
        '../../../../actions/release-orchestration/action.yml',
      ),
      'utf8',
    ),
  );
}

/** Replaces `${{ <expression> }}` with what `lookup` gives for the expression. */
export function substitute(
  text: string,
  lookup: (expression: string) => string,
): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) =>
    lookup(expression),
  );
}

/** Reads `name=value` and `name<<DELIMITER` blocks of a GITHUB_OUTPUT file. */
export function parseGithubOutput(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([\w-]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      outputs[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=');
      outputs[lines[i].slice(0, at)] = lines[i].slice(at + 1);
    }
  }
  return outputs;
}

/**
 * Runs the action's `run` steps with bash as the GitHub runner would: each step's `env` with
 * `${{ inputs.* }}` resolved from `inputs` (or the declared defaults), a GITHUB_OUTPUT file, and
 * the action's outputs resolved from the steps' outputs. `uses` steps (setup-node) are skipped:
 * the test runs on Node 22 already.
 */
export async function runAction(inputs: Record<string, string>, cwd: string) {
  const action = await readAction();
  for (const name of Object.keys(inputs)) {
    if (!(name in action.inputs)) {
      throw new Error(`the action has no input '${name}'`);
    }
  }
  const input = (name: string) =>
    inputs[name] ?? String(action.inputs[name]?.default ?? '');
  const stepOutputs: Record<string, Record<string, string>> = {};
  let code = 0;
  let stdout = '';
  let stderr = '';
  for (const step of action.runs.steps) {
    if (step.uses) {
      continue;
    }
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ro-action-'));
    const outputFile = path.join(dir, 'output');
    await writeFile(outputFile, '');
    const env: Record<string, string> = {
      PATH: process.env.PATH!,
      HOME: os.homedir(),
      GITHUB_OUTPUT: outputFile,
    };
    for (const [key, value] of Object.entries<string>(step.env ?? {})) {
      env[key] = substitute(String(value), expression => {
        const match = /^inputs\.([\w-]+)$/.exec(expression);
        if (!match) {
          throw new Error(`unexpected expression in the action: ${expression}`);
        }
        return input(match[1]);
      });
    }
    try {
      const result = await promisify(execFile)('bash', ['-e', '-c', step.run], {
        env,
        cwd,
        maxBuffer: 10_000_000,
      });
      stdout += result.stdout;
      stderr += result.stderr;
    } catch (error: any) {
      code = error.code;
      stdout += error.stdout;
      stderr += error.stderr;
    }
    stepOutputs[step.id] = parseGithubOutput(
      await readFile(outputFile, 'utf8'),
    );
    if (code !== 0) {
      break;
    }
  }
  const outputs: Record<string, string> = {};
  for (const [name, output] of Object.entries<any>(action.outputs)) {
    outputs[name] = substitute(output.value, expression => {
      const match = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression)!;
      return stepOutputs[match[1]]?.[match[2]] ?? '';
    });
  }
  return { code, stdout, stderr, outputs };
}
