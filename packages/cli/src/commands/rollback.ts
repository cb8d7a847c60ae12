import type { ApiSuccessBody } from '@release-orchestration/plugin-release-orchestration-common';
import { Command, optionalFlag, print, requireFlag } from '../command';
import { CliError, ExitCode } from '../exitCodes';
import { parseSystem } from '../systemRef';

/** `rollback`: POST /systems/{namespace}/{name}/rollback, the same policy and audit as the portal. */
export const rollback: Command = {
  name: 'rollback',
  summary:
    'Roll a System back in a lane to its known-good release (or --to-release); prints the promotion id for `wait`',
  usage:
    '--system system:default/shop --environment production [--to-release <release-id>] [--justification "why"] [--emergency-override "why the freeze must be passed"] [--dry-run]',
  example:
    'release-orchestration rollback --system system:default/shop --environment production --justification "checkout errors" --json',
  writes: true,
  options: {
    system: { type: 'string' },
    environment: { type: 'string' },
    'to-release': { type: 'string' },
    justification: { type: 'string' },
    'emergency-override': { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  async run(ctx, flags) {
    const system = parseSystem(requireFlag(flags, 'system'));
    const environment = requireFlag(flags, 'environment');
    const toRelease = optionalFlag(flags, 'to-release');
    const override = optionalFlag(flags, 'emergency-override');
    const body = {
      environment,
      ...(toRelease ? { toRelease } : {}),
      ...(optionalFlag(flags, 'justification')
        ? { justification: optionalFlag(flags, 'justification') }
        : {}),
      ...(override ? { emergencyOverride: { justification: override } } : {}),
    };
    if (flags['dry-run']) {
      const { body: lanes } = await ctx.client.get<
        ApiSuccessBody<'listSystemEnvironments'>
      >(`${system.path}/environments`);
      const lane = lanes.environments.find(e => e.environment === environment);
      if (!lane) {
        throw new CliError(
          `--environment: '${environment}' is not a lane; the lanes are ${lanes.environments
            .map(e => e.environment)
            .join(', ')}`,
          ExitCode.usage,
        );
      }
      const knownGood = lane.knownGoodRelease;
      const lastDeployed =
        lane.lastDeployment?.releaseId ?? lane.currentRelease?.id;
      const target =
        toRelease ??
        (knownGood && knownGood.id !== lastDeployed ? knownGood.id : undefined);
      if (!target) {
        // The server then looks further back than the lanes view shows; only a named release can be checked here.
        throw new CliError(
          `the dry run cannot tell which release the rollback would pick: ${environment} runs its known-good release ${
            knownGood?.version ?? '(none)'
          } was also the last deployed there, so the server would look for an earlier one; name it with --to-release to check it`,
          ExitCode.refused,
        );
      }
      const { body: check } = await ctx.client.get<
        ApiSuccessBody<'checkPromotion'>
      >(
        `/releases/${encodeURIComponent(
          target,
        )}/promotions/check?environment=${encodeURIComponent(environment)}`,
      );
      const plan = {
        dryRun: true,
        request: { method: 'POST', path: `${system.path}/rollback`, body },
        target,
        check,
      };
      const unmet = check.unmetConditions
        .map(c => `\n  - ${c.message}`)
        .join('');
      print(
        ctx,
        `Dry run: would roll ${system.ref} back in ${environment} from ${
          lane.currentRelease?.version ?? 'nothing'
        } to ${
          target === lane.knownGoodRelease?.id
            ? `known-good ${lane.knownGoodRelease.version}`
            : `release ${target}`
        }; the request would be ${check.outcome}${unmet}`,
        plan,
      );
      return ExitCode.ok;
    }
    const { body: promotion } = await ctx.client.post<
      ApiSuccessBody<'rollbackSystem'>
    >(`${system.path}/rollback`, body);
    print(
      ctx,
      `Rollback promotion ${promotion.id} of ${system.ref} to release ${
        promotion.releaseVersion
      } in ${promotion.environment}: ${promotion.state}${
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
