import type {
  ApiSuccessBody,
  PromotionState,
} from '@release-orchestration/plugin-release-orchestration-common';
import { Command, optionalFlag, print, requireId } from '../command';
import { parseDuration } from '../durations';
import { CliError, ExitCode, ExitCodeValue } from '../exitCodes';

const REACHED: Record<string, PromotionState[]> = {
  approved: ['approved', 'deploying', 'succeeded'],
  succeeded: ['succeeded'],
};

/** Final states that end the wait whatever was waited for, with their exit codes. */
const ENDS: Partial<Record<PromotionState, ExitCodeValue>> = {
  rejected: ExitCode.rejected,
  cancelled: ExitCode.cancelled,
  failed: ExitCode.failed,
};

/** `wait`: polls GET /promotions/{id} until it is approved (or succeeded), rejected, … or the timeout. */
export const wait: Command = {
  name: 'wait',
  summary:
    'Block until a promotion is approved (or --until succeeded), rejected, cancelled or failed',
  usage:
    '<promotion-id> [--until approved|succeeded] [--timeout 30m] [--interval 15s]',
  example:
    'release-orchestration wait <promotion-id> --until approved --timeout 2h',
  positionals: ['promotion-id'],
  options: {
    'promotion-id': { type: 'string' },
    until: { type: 'string', default: 'approved' },
    timeout: { type: 'string', default: '30m' },
    interval: { type: 'string', default: '15s' },
  },
  async run(ctx, flags, positionals) {
    const id = requireId(flags, positionals, 0, 'promotion-id');
    const until = optionalFlag(flags, 'until') ?? 'approved';
    if (!REACHED[until]) {
      throw new CliError(
        `--until must be approved or succeeded, got '${until}'`,
        ExitCode.usage,
      );
    }
    const timeoutMs = parseDuration(String(flags.timeout), 'timeout');
    const intervalMs = Math.max(
      parseDuration(String(flags.interval), 'interval'),
      100,
    );
    const deadline = ctx.now() + timeoutMs;
    let last: PromotionState | undefined;
    for (;;) {
      const { body: promotion } = await ctx.client.get<
        ApiSuccessBody<'getPromotion'>
      >(`/promotions/${encodeURIComponent(id)}`);
      if (promotion.state !== last) {
        ctx.err(
          `Promotion ${promotion.id} of release ${promotion.releaseVersion} into ${promotion.environment}: ${promotion.state}`,
        );
        last = promotion.state;
      }
      const reached = REACHED[until].includes(promotion.state);
      const end = ENDS[promotion.state];
      if (reached || end !== undefined) {
        const latest =
          promotion.transitions?.[promotion.transitions.length - 1];
        const reason = latest?.reason ? `: ${latest.reason}` : '';
        print(
          ctx,
          `Promotion ${promotion.id} is ${promotion.state}${
            reached ? '' : reason
          }`,
          promotion,
        );
        return reached ? ExitCode.ok : end!;
      }
      const left = deadline - ctx.now();
      if (left <= 0) {
        const message = `Gave up after ${String(flags.timeout)}: promotion ${
          promotion.id
        } is still ${promotion.state}`;
        if (ctx.json) {
          print(ctx, message, { ...promotion, timedOut: true });
        }
        throw new CliError(message, ExitCode.timeout);
      }
      await ctx.sleep(Math.min(intervalMs, left));
    }
  },
};
