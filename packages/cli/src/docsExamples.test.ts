import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
// yaml is installed (hoisted) for the backend's OpenAPI test; declaring it here needs a lockfile update.
// eslint-disable-next-line @backstage/no-undeclared-imports
import YAML from 'yaml';
import {
  bin,
  cli,
  cliPackage,
  createTestDatabases,
  startBackend,
  token,
} from './__testUtils__/testBackend';
import {
  parseGithubOutput,
  runAction,
  substitute,
} from './__testUtils__/runAction';

jest.setTimeout(900_000);

/** The fenced block after `<!-- example: name -->` in docs/cli.md (Prettier puts a blank line between them). */
async function example(name: string): Promise<string> {
  const doc = await readFile(
    path.resolve(__dirname, '../../../docs/cli.md'),
    'utf8',
  );
  const match = new RegExp(
    `<!-- example: ${name} -->\\n+\`\`\`\\w+\\n([\\s\\S]*?)\\n\`\`\``,
  ).exec(doc);
  if (!match) {
    throw new Error(`docs/cli.md has no example '${name}'`);
  }
  return match[1];
}

/** A working folder with the scripts the examples call: build.sh (prints its outputs) and deploy.sh. */
async function workspace() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ro-docs-'));
  await writeFile(
    path.join(dir, 'build.sh'),
    `#!/bin/sh\necho "sha256:${'e'.repeat(
      64,
    )}" > digest.txt\nif [ -n "$GITHUB_OUTPUT" ]; then echo "version=2.0.0" >> "$GITHUB_OUTPUT"; echo "digest=sha256:${'e'.repeat(
      64,
    )}" >> "$GITHUB_OUTPUT"; fi\n`,
  );
  await writeFile(
    path.join(dir, 'deploy.sh'),
    '#!/bin/sh\necho "deploying $1" >> deployed.txt\n',
  );
  await writeFile(
    path.join(dir, 'commits.json'),
    JSON.stringify([
      { sha: 'c0ffee1', time: '2026-12-05T10:00:00Z', message: 'Add refunds' },
    ]),
  );
  await chmod(path.join(dir, 'build.sh'), 0o755);
  await chmod(path.join(dir, 'deploy.sh'), 0o755);
  const binDir = path.join(dir, '.bin');
  await mkdir(binDir);
  await writeFile(
    path.join(binDir, 'release-orchestration'),
    `#!/bin/sh\nexec "${process.execPath}" "${bin}" "$@"\n`,
  );
  await chmod(path.join(binDir, 'release-orchestration'), 0o755);
  return {
    dir,
    PATH: `${binDir}:${path.dirname(process.execPath)}:${process.env.PATH}`,
  };
}

async function bash(script: string, cwd: string, env: Record<string, string>) {
  try {
    const result = await promisify(execFile)('bash', ['-e', '-c', script], {
      cwd,
      env: { HOME: os.homedir(), ...env },
      maxBuffer: 10_000_000,
    });
    return { code: 0, ...result };
  } catch (error: any) {
    return {
      code: error.code as number,
      stdout: error.stdout as string,
      stderr: error.stderr as string,
    };
  }
}

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'the examples in docs/cli.md, against a running backend on %p',
  databaseId => {
    it('the shell pipeline: build, report-build, cut-release, diff, promote, wait, deploy, report-deployment, status', async () => {
      const { server, url } = await startBackend(
        await databases.init(databaseId),
      );
      const { dir, PATH } = await workspace();
      const run = await bash(await example('pipeline'), dir, {
        PATH,
        RELEASE_ORCHESTRATION_URL: url,
        RELEASE_ORCHESTRATION_TOKEN: token,
        VERSION: '1.4.0',
        DIGEST: `sha256:${'f'.repeat(64)}`,
        COMMIT_SHA: 'c0ffee1',
        COMMIT_TIME: '2026-12-05T10:00:00Z',
        RELEASE_VERSION: '2026.12.06-1',
        RELEASE_NOTES: 'Refunds',
        LANE: 'dev',
        DEPLOY_KEY: 'docs-pipeline-1',
      });
      expect(run).toMatchObject({ code: 0 });
      expect(run.stdout).toContain(
        'Dev (dev): in sync\n  current:    2026.12.06-1',
      );
      expect(
        await readFile(path.join(dir, 'release-diff.md'), 'utf8'),
      ).toContain('| component:default/api | new at 1.4.0 | 1 |');
      expect(await readFile(path.join(dir, 'deployed.txt'), 'utf8')).toMatch(
        /^deploying [0-9a-f-]{36}\n$/,
      );

      // Run again with nothing new: the script stops before promoting.
      const again = await bash(await example('pipeline'), dir, {
        PATH,
        RELEASE_ORCHESTRATION_URL: url,
        RELEASE_ORCHESTRATION_TOKEN: token,
        VERSION: '1.4.0',
        DIGEST: `sha256:${'f'.repeat(64)}`,
        COMMIT_SHA: 'c0ffee1',
        COMMIT_TIME: '2026-12-05T10:00:00Z',
        RELEASE_VERSION: '2026.12.06-2',
        RELEASE_NOTES: '',
        LANE: 'dev',
        DEPLOY_KEY: 'docs-pipeline-2',
      });
      expect(again).toMatchObject({ code: 0 });
      expect(await readFile(path.join(dir, 'deployed.txt'), 'utf8')).toMatch(
        /^deploying [^\n]+\n$/,
      );
      await server.stop();
    });

    it('the GitHub workflow: every step of the composite action runs against the backend', async () => {
      const { server, url } = await startBackend(
        await databases.init(databaseId),
      );
      const { dir, PATH } = await workspace();
      const workflow = YAML.parse(await example('github-workflow'));
      const job = workflow.jobs.release;
      const steps: Record<string, Record<string, string>> = {};
      const context: Record<string, string> = {
        'env.SERVER': url,
        'secrets.RELEASE_ORCHESTRATION_TOKEN': token,
        'github.sha': 'c0ffee1',
        'github.event.head_commit.timestamp': '2026-12-05T10:00:00Z',
        'github.run_number': '17',
        'github.run_attempt': '1',
        'github.run_id': '4242',
      };
      const lookup = (expression: string) => {
        const step = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
        if (step) {
          return steps[step[1]]?.[step[2]] ?? '';
        }
        if (!(expression in context)) {
          throw new Error(`the test does not know ${expression}`);
        }
        return context[expression];
      };
      let failed = false;
      const condition = (expression: string | undefined) =>
        (expression ?? 'success()').split('&&').every(part => {
          const term = part.trim();
          if (term === 'success()') return !failed;
          if (term === 'failure()') return failed;
          const compare = /^(.+?) != ''$/.exec(term);
          if (!compare) throw new Error(`the test cannot evaluate ${term}`);
          return lookup(compare[1].trim()) !== '';
        });
      const ran: string[] = [];
      for (const step of job.steps) {
        if (!condition(step.if)) {
          continue;
        }
        if (step.uses?.startsWith('actions/checkout')) {
          continue;
        }
        if (step.run) {
          const outputFile = path.join(dir, `output-${ran.length}`);
          await writeFile(outputFile, '');
          const result = await bash(step.run, dir, {
            PATH,
            GITHUB_OUTPUT: outputFile,
          });
          failed ||= result.code !== 0;
          if (step.id)
            steps[step.id] = parseGithubOutput(
              await readFile(outputFile, 'utf8'),
            );
          ran.push(step.run);
          continue;
        }
        expect(step.uses).toMatch(/\/actions\/release-orchestration@v1$/);
        const inputs: Record<string, string> = { 'cli-package': cliPackage };
        for (const [name, value] of Object.entries<any>(step.with)) {
          inputs[name] = substitute(String(value), lookup);
        }
        const result = await runAction(inputs, dir);
        if (result.code !== 0) {
          throw new Error(
            `${inputs.command} failed with ${result.code}: ${result.stderr}`,
          );
        }
        if (step.id) steps[step.id] = result.outputs;
        ran.push(inputs.command);
      }
      expect(ran).toEqual([
        './build.sh',
        'report-build',
        'cut-release',
        'promote',
        'wait',
        'report-deployment',
        './deploy.sh dev',
        'report-deployment',
        'status',
      ]);
      expect(steps.cut['release-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(steps.promote).toMatchObject({
        'release-id': steps.cut['release-id'],
        state: 'approved',
        'exit-code': '0',
      });
      expect(steps.promote['promotion-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.parse(steps.promote.result)).toMatchObject({
        id: steps.promote['promotion-id'],
        environment: 'dev',
      });
      const status = JSON.parse(
        (
          await cli(url, [
            'status',
            '--system',
            'shop',
            '--environment',
            'dev',
            '--json',
          ])
        ).stdout,
      );
      expect(status.environments[0]).toMatchObject({
        currentRelease: { id: steps.cut['release-id'], version: '17.1' },
        drift: { state: 'in_sync' },
      });

      const diff = await runAction(
        {
          command: 'diff',
          'server-url': url,
          token,
          'cli-package': cliPackage,
          'release-id': steps.cut['release-id'],
          environment: 'production',
          format: 'markdown',
        },
        dir,
      );
      expect(diff).toMatchObject({
        code: 0,
        outputs: {
          'exit-code': '0',
          result: expect.stringContaining(
            '### Release 17.1 against production (nothing released yet)',
          ),
        },
      });
      const refused = await runAction(
        {
          command: 'rollback',
          'server-url': url,
          token,
          'cli-package': cliPackage,
          system: 'system:default/shop',
          environment: 'dev',
        },
        dir,
      );
      expect(refused).toMatchObject({
        code: 3,
        outputs: { 'exit-code': '3', 'promotion-id': '' },
      });
      expect(refused.stderr).toContain(
        'there is nothing known to be good to roll back to',
      );
      await server.stop();
    });

    it('the GitLab CI jobs: the template and each job script run against the backend', async () => {
      const { server, url } = await startBackend(
        await databases.init(databaseId),
      );
      const { dir, PATH } = await workspace();
      const pipeline = YAML.parse(await example('gitlab-ci'));
      const template = YAML.parse(
        await readFile(
          path.resolve(
            __dirname,
            '../../../templates/gitlab/release-orchestration.yml',
          ),
          'utf8',
        ),
      );
      const hidden = template['.release-orchestration'];
      let dotenv: Record<string, string> = {};
      for (const name of ['build', 'cut-release', 'deploy-dev']) {
        const job = pipeline[name];
        expect(job.extends).toBe('.release-orchestration');
        const script = [...hidden.before_script, ...job.script].join('\n');
        const result = await bash(script, dir, {
          PATH,
          ...template.variables,
          ...pipeline.variables,
          RELEASE_ORCHESTRATION_URL: url,
          RELEASE_ORCHESTRATION_TOKEN: token,
          RELEASE_ORCHESTRATION_CLI: cliPackage,
          CI_PIPELINE_IID: '31',
          CI_PIPELINE_ID: '9031',
          CI_COMMIT_SHA: 'c0ffee1',
          CI_COMMIT_TIMESTAMP: '2026-12-05T10:00:00+00:00',
          ...dotenv,
        });
        if (result.code !== 0) {
          throw new Error(
            `job ${name} failed with ${result.code}: ${result.stderr}`,
          );
        }
        const report = job.artifacts?.reports?.dotenv;
        if (report) {
          dotenv = Object.fromEntries(
            (await readFile(path.join(dir, report), 'utf8'))
              .trim()
              .split('\n')
              .map(l => l.split('=', 2) as [string, string]),
          );
        }
      }
      expect(dotenv.RELEASE_ID).toMatch(/^[0-9a-f-]{36}$/);
      const status = JSON.parse(
        (
          await cli(url, [
            'status',
            '--system',
            'shop',
            '--environment',
            'dev',
            '--json',
          ])
        ).stdout,
      );
      expect(status.environments[0]).toMatchObject({
        currentRelease: { id: dotenv.RELEASE_ID, version: '31' },
        drift: { state: 'in_sync' },
      });
      await server.stop();
    });
  },
);
