import { readFile } from 'node:fs/promises';
import type { ApiSuccessBody } from '@release-orchestration/plugin-release-orchestration-common';
import {
  Command,
  optionalFlag,
  print,
  printDryRun,
  requireFlag,
} from '../command';
import { CliError, ExitCode } from '../exitCodes';

async function readCommits(path: string) {
  try {
    const commits = JSON.parse(await readFile(path, 'utf8'));
    if (!Array.isArray(commits)) {
      throw new Error('not a JSON array');
    }
    return commits;
  } catch (error) {
    throw new CliError(
      `--commits-file: ${path} must be a JSON array of {"sha", "time", "message"?}: ${
        (error as Error).message
      }`,
      ExitCode.usage,
    );
  }
}

/** `report-build`: POST /builds. */
export const reportBuild: Command = {
  name: 'report-build',
  summary:
    'Report a build (a component version) from CI; repeating it is harmless',
  usage:
    '--component component:default/payments-api --version 3.2.0 --artifact-uri <image> --artifact-digest sha256:<hex> --commit-sha <sha> --commit-time <ISO time> [--build-url <url>] [--commits-file commits.json] [--dry-run]',
  example:
    'release-orchestration report-build --component component:default/api --version 1.4.0 --artifact-uri registry.acme.example/api:1.4.0 --artifact-digest sha256:<64 hex> --commit-sha "$GITHUB_SHA" --commit-time 2026-12-06T09:00:00Z',
  writes: true,
  options: {
    'dry-run': { type: 'boolean' },
    component: { type: 'string' },
    version: { type: 'string' },
    'artifact-uri': { type: 'string' },
    'artifact-digest': { type: 'string' },
    'commit-sha': { type: 'string' },
    'commit-time': { type: 'string' },
    'build-url': { type: 'string' },
    'commits-file': { type: 'string' },
  },
  async run(ctx, flags) {
    const commitsFile = optionalFlag(flags, 'commits-file');
    const body = {
      component: requireFlag(flags, 'component'),
      version: requireFlag(flags, 'version'),
      artifactUri: requireFlag(flags, 'artifact-uri'),
      artifactDigest: requireFlag(flags, 'artifact-digest'),
      commitSha: requireFlag(flags, 'commit-sha'),
      commitTime: requireFlag(flags, 'commit-time'),
      ...(optionalFlag(flags, 'build-url')
        ? { buildUrl: optionalFlag(flags, 'build-url') }
        : {}),
      ...(commitsFile ? { commits: await readCommits(commitsFile) } : {}),
    };
    if (flags['dry-run']) {
      printDryRun(ctx, 'POST', '/builds', body);
      return ExitCode.ok;
    }
    const { status, body: build } = await ctx.client.post<
      ApiSuccessBody<'reportBuild'>
    >('/builds', body);
    print(
      ctx,
      `Build ${build.version} of ${build.componentRef} ${
        status === 201 ? 'recorded' : 'was already recorded'
      } (${build.id})`,
      build,
    );
    return ExitCode.ok;
  },
};
