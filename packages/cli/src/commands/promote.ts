import type { Promotion } from '@release-orchestration/plugin-release-orchestration-common';
import { Command, optionalFlag, print, requireFlag, requireId } from '../command';
import { ExitCode } from '../exitCodes';

/** `promote`: POST /releases/{id}/promotions. */
export const promote: Command = {
  name: 'promote',
  summary: 'Ask to promote a release into an environment; prints the promotion id for `wait`',
  usage: '<release-id> --environment production [--justification "why"]',
  positionals: ['release-id'],
  options: {
    'release-id': { type: 'string' },
    environment: { type: 'string' },
    justification: { type: 'string' },
  },
  async run(ctx, flags, positionals) {
    const releaseId = requireId(flags, positionals, 0, 'release-id');
    const body = {
      environment: requireFlag(flags, 'environment'),
      ...(optionalFlag(flags, 'justification') ? { justification: optionalFlag(flags, 'justification') } : {}),
    };
    const { body: promotion } = await ctx.client.post<Promotion>(
      `/releases/${encodeURIComponent(releaseId)}/promotions`,
      body,
    );
    print(
      ctx,
      `Promotion ${promotion.id} of release ${promotion.releaseVersion} into ${promotion.environment}: ${promotion.state}${
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
