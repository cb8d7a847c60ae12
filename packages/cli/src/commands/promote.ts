import type {
  Promotion,
  PromotionCheck,
} from '@release-orchestration/plugin-release-orchestration-common';
import {
  Command,
  optionalFlag,
  print,
  requireFlag,
  requireId,
} from '../command';
import { ExitCode } from '../exitCodes';

/** `promote`: POST /releases/{id}/promotions. */
export const promote: Command = {
  name: 'promote',
  summary:
    'Ask to promote a release into an environment; prints the promotion id for `wait`',
  usage:
    '<release-id> --environment production [--justification "why"] [--dry-run]',
  example:
    'release-orchestration promote <release-id> --environment production --justification "weekly release" --json',
  writes: true,
  positionals: ['release-id'],
  options: {
    'dry-run': { type: 'boolean' },
    'release-id': { type: 'string' },
    environment: { type: 'string' },
    justification: { type: 'string' },
  },
  async run(ctx, flags, positionals) {
    const releaseId = requireId(flags, positionals, 0, 'release-id');
    const body = {
      environment: requireFlag(flags, 'environment'),
      ...(optionalFlag(flags, 'justification')
        ? { justification: optionalFlag(flags, 'justification') }
        : {}),
    };
    if (flags['dry-run']) {
      // The server's gate check: what the request would meet now, without making it.
      const { body: check } = await ctx.client.get<PromotionCheck>(
        `/releases/${encodeURIComponent(
          releaseId,
        )}/promotions/check?environment=${encodeURIComponent(
          body.environment,
        )}`,
      );
      print(
        ctx,
        `Dry run: a promotion of release ${releaseId} into ${
          body.environment
        } would be ${check.outcome}${check.unmetConditions
          .map(c => `\n  - ${c.message}`)
          .join('')}`,
        {
          dryRun: true,
          request: {
            method: 'POST',
            path: `/releases/${releaseId}/promotions`,
            body,
          },
          check,
        },
      );
      return ExitCode.ok;
    }
    const { body: promotion } = await ctx.client.post<Promotion>(
      `/releases/${encodeURIComponent(releaseId)}/promotions`,
      body,
    );
    print(
      ctx,
      `Promotion ${promotion.id} of release ${promotion.releaseVersion} into ${
        promotion.environment
      }: ${promotion.state}${
        promotion.blockedReason ? ` (${promotion.blockedReason})` : ''
      }`,
      promotion,
    );
    if (!ctx.json) {
      ctx.err(`Wait for it with: release-orchestration wait ${promotion.id}`);
    }
    return promotion.state === 'blocked' ? ExitCode.blocked : ExitCode.ok;
  },
};
