import type {
  FanOutPromotionResponse,
  Promotion,
  PromotionCheck,
} from '@release-orchestration/plugin-release-orchestration-common';
import {
  Command,
  CommandContext,
  optionalFlag,
  print,
  requireFlag,
  requireId,
} from '../command';
import { ExitCode, ExitCodeValue } from '../exitCodes';

/** The lanes of `--environment`: one, or several separated by commas (fan-out). */
function lanesOf(value: string): string[] {
  return value
    .split(',')
    .map(lane => lane.trim())
    .filter(lane => lane.length > 0);
}

/** How a promotion is described on stdout. */
function describe(promotion: Promotion) {
  return `Promotion ${promotion.id} of release ${
    promotion.releaseVersion
  } into ${promotion.environment}: ${promotion.state}${
    promotion.blockedReason ? ` (${promotion.blockedReason})` : ''
  }`;
}

/**
 * `promote`: POST /releases/{id}/promotions; with several lanes (`--environment
 * production-eu,production-us`) POST /promotions, one promotion per lane, all or none.
 */
export const promote: Command = {
  name: 'promote',
  summary:
    'Ask to promote a release into an environment, or several at once (comma-separated); prints the promotion ids for `wait`',
  usage:
    '<release-id> --environment production[,production-us...] [--justification "why"] [--dry-run]',
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
    const lanes = lanesOf(requireFlag(flags, 'environment'));
    if (lanes.length > 1) {
      return fanOut(
        ctx,
        releaseId,
        lanes,
        optionalFlag(flags, 'justification'),
        Boolean(flags['dry-run']),
      );
    }
    const body = {
      environment: lanes[0] ?? requireFlag(flags, 'environment'),
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
    print(ctx, describe(promotion), promotion);
    if (!ctx.json) {
      ctx.err(`Wait for it with: release-orchestration wait ${promotion.id}`);
    }
    return promotion.state === 'blocked' ? ExitCode.blocked : ExitCode.ok;
  },
};

/** Several lanes at once: the gate check of each (dry run), or POST /promotions. */
async function fanOut(
  ctx: CommandContext,
  releaseId: string,
  environments: string[],
  justification: string | undefined,
  dryRun: boolean,
): Promise<ExitCodeValue> {
  const body = {
    releaseId,
    environments,
    ...(justification ? { justification } : {}),
  };
  if (dryRun) {
    const checks: PromotionCheck[] = [];
    for (const environment of environments) {
      const { body: check } = await ctx.client.get<PromotionCheck>(
        `/releases/${encodeURIComponent(
          releaseId,
        )}/promotions/check?environment=${encodeURIComponent(environment)}`,
      );
      checks.push(check);
    }
    print(
      ctx,
      checks
        .map(
          check =>
            `Dry run: a promotion of release ${releaseId} into ${
              check.environment
            } would be ${check.outcome}${check.unmetConditions
              .map(c => `\n  - ${c.message}`)
              .join('')}`,
        )
        .join('\n'),
      {
        dryRun: true,
        request: { method: 'POST', path: '/promotions', body },
        checks,
      },
    );
    return ExitCode.ok;
  }
  const { body: made } = await ctx.client.post<FanOutPromotionResponse>(
    '/promotions',
    body,
  );
  print(ctx, made.items.map(describe).join('\n'), made);
  if (!ctx.json) {
    ctx.err(
      `Wait for them with: ${made.items
        .map(p => `release-orchestration wait ${p.id}`)
        .join('; ')}`,
    );
  }
  return made.items.some(p => p.state === 'blocked')
    ? ExitCode.blocked
    : ExitCode.ok;
}
