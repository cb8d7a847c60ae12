import type { ApiSuccessBody } from '@release-orchestration/plugin-release-orchestration-common';
import {
  Command,
  optionalFlag,
  print,
  printDryRun,
  requireFlag,
} from '../command';
import { CliError, ExitCode } from '../exitCodes';
import { boundKey, ciIdempotencyKey } from '../idempotencyKey';

const STATUSES = ['started', 'succeeded', 'failed'];

/** `report-deployment`: POST /deployments. */
export const reportDeployment: Command = {
  name: 'report-deployment',
  summary:
    'Report a deployment (started, succeeded or failed) of a component, a release or a promotion',
  usage:
    '--environment production --status started|succeeded|failed (--component <ref> --version <v> | --release-id <id> [--component <ref>] | --promotion-id <id>) [--idempotency-key <key>] [--system <ref>] [--started-at <ISO>] [--finished-at <ISO>] [--rollback] [--hotfix] [--deployer <name>] [--dry-run]',
  example:
    'release-orchestration report-deployment --environment production --promotion-id <promotion-id> --status succeeded --idempotency-key "deploy-$CI_PIPELINE_ID"',
  writes: true,
  options: {
    'dry-run': { type: 'boolean' },
    environment: { type: 'string' },
    status: { type: 'string' },
    component: { type: 'string' },
    version: { type: 'string' },
    'release-id': { type: 'string' },
    'promotion-id': { type: 'string' },
    system: { type: 'string' },
    'started-at': { type: 'string' },
    'finished-at': { type: 'string' },
    rollback: { type: 'boolean' },
    hotfix: { type: 'boolean' },
    deployer: { type: 'string' },
    'idempotency-key': { type: 'string' },
  },
  async run(ctx, flags) {
    const environment = requireFlag(flags, 'environment');
    const status = requireFlag(flags, 'status');
    if (!STATUSES.includes(status)) {
      throw new CliError(
        `--status must be one of ${STATUSES.join(', ')}, got '${status}'`,
        ExitCode.usage,
      );
    }
    const component = optionalFlag(flags, 'component');
    const version = optionalFlag(flags, 'version');
    const releaseId = optionalFlag(flags, 'release-id');
    const promotionId = optionalFlag(flags, 'promotion-id');
    if (!component && !releaseId && !promotionId) {
      throw new CliError(
        'give --component and --version, --release-id, or --promotion-id',
        ExitCode.usage,
      );
    }
    const subject = [
      releaseId && `release:${releaseId}`,
      promotionId && `promotion:${promotionId}`,
      component && `${component}${version ? `@${version}` : ''}`,
    ]
      .filter(Boolean)
      .join(':');
    const idempotencyKey =
      optionalFlag(flags, 'idempotency-key') ??
      optionalFlag(ctx.env, 'RELEASE_ORCHESTRATION_IDEMPOTENCY_KEY') ??
      ciIdempotencyKey(ctx.env, { environment, subject });
    if (!idempotencyKey) {
      throw new CliError(
        '--idempotency-key is required outside GitHub Actions and GitLab CI: use the same key for the started and the finished report of one deployment',
        ExitCode.usage,
      );
    }
    const body = {
      idempotencyKey,
      environment,
      status,
      ...(component ? { component } : {}),
      ...(version ? { version } : {}),
      ...(releaseId ? { releaseId } : {}),
      ...(promotionId ? { promotionId } : {}),
      ...(optionalFlag(flags, 'system')
        ? { system: optionalFlag(flags, 'system') }
        : {}),
      ...(optionalFlag(flags, 'started-at')
        ? { startedAt: optionalFlag(flags, 'started-at') }
        : {}),
      ...(optionalFlag(flags, 'finished-at')
        ? { finishedAt: optionalFlag(flags, 'finished-at') }
        : {}),
      ...(flags.rollback ? { rollback: true } : {}),
      ...(flags.hotfix ? { hotfix: true } : {}),
      ...(optionalFlag(flags, 'deployer')
        ? { deployer: optionalFlag(flags, 'deployer') }
        : {}),
    };
    if (flags['dry-run']) {
      printDryRun(ctx, 'POST', '/deployments', body);
      return ExitCode.ok;
    }
    // The body key names the deployment; each report of it (started, then finished) is its own
    // request, with its own Idempotency-Key.
    const { status: code, body: deployment } = await ctx.client.post<
      ApiSuccessBody<'reportDeployment'>
    >('/deployments', body, {
      idempotencyKey: boundKey(`${idempotencyKey}:${status}`),
    });
    const what = deployment.releaseVersion
      ? `release ${deployment.releaseVersion}`
      : deployment.components
          .map(c => `${c.componentRef} ${c.version}`)
          .join(', ');
    const outcome = code === 201 ? 'recorded' : 'already known';
    print(
      ctx,
      `Deployment of ${what} to ${deployment.environment}: ${deployment.status} (${outcome}; key ${deployment.idempotencyKey}, id ${deployment.id})`,
      deployment,
    );
    return ExitCode.ok;
  },
};
