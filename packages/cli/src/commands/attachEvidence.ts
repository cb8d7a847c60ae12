import type { ApiSuccessBody } from '@release-orchestration/plugin-release-orchestration-common';
import {
  Command,
  optionalFlag,
  print,
  printDryRun,
  requireFlag,
  requireId,
} from '../command';
import { ExitCode } from '../exitCodes';

/** `attach-evidence`: POST /releases/{id}/evidence. */
export const attachEvidence: Command = {
  name: 'attach-evidence',
  summary: 'Attach evidence (a test report, a scan, a ticket) to a release',
  usage:
    '<release-id> --type unit-tests --status pass|fail|warn --url <report URL> --summary "412 passed" [--environment staging] [--digest sha256:<hex>] [--dry-run]',
  example:
    'release-orchestration attach-evidence <release-id> --type unit-tests --status pass --url https://ci.acme.example/runs/42 --summary "412 passed"',
  writes: true,
  positionals: ['release-id'],
  options: {
    'dry-run': { type: 'boolean' },
    'release-id': { type: 'string' },
    type: { type: 'string' },
    status: { type: 'string' },
    url: { type: 'string' },
    summary: { type: 'string' },
    environment: { type: 'string' },
    digest: { type: 'string' },
  },
  async run(ctx, flags, positionals) {
    const releaseId = requireId(flags, positionals, 0, 'release-id');
    const body = {
      type: requireFlag(flags, 'type'),
      status: requireFlag(flags, 'status'),
      url: requireFlag(flags, 'url'),
      summary: requireFlag(flags, 'summary'),
      ...(optionalFlag(flags, 'environment')
        ? { environment: optionalFlag(flags, 'environment') }
        : {}),
      ...(optionalFlag(flags, 'digest')
        ? { contentDigest: optionalFlag(flags, 'digest') }
        : {}),
    };
    if (flags['dry-run']) {
      printDryRun(
        ctx,
        'POST',
        `/releases/${encodeURIComponent(releaseId)}/evidence`,
        body,
      );
      return ExitCode.ok;
    }
    const { body: evidence } = await ctx.client.post<
      ApiSuccessBody<'attachEvidence'>
    >(`/releases/${encodeURIComponent(releaseId)}/evidence`, body);
    print(
      ctx,
      `Evidence ${evidence.type} (${
        evidence.status
      }) attached to release ${releaseId}${
        evidence.environment ? ` for ${evidence.environment}` : ''
      } (${evidence.id})`,
      evidence,
    );
    return ExitCode.ok;
  },
};
