import type {
  ApiSuccessBody,
  EnvironmentState,
} from '@release-orchestration/plugin-release-orchestration-common';
import { Command, optionalFlag, requireFlag } from '../command';
import { CliError, ExitCode, ExitCodeValue } from '../exitCodes';
import { parseSystem } from '../systemRef';

function describeLane(lane: EnvironmentState): string[] {
  const lines = [
    `${lane.title} (${lane.environment}): ${lane.drift.state.replace(
      '_',
      ' ',
    )}`,
    `  current:    ${
      lane.currentRelease
        ? `${lane.currentRelease.version} (deployed ${lane.currentRelease.deployedAt} by ${lane.currentRelease.deployer})`
        : 'nothing released yet'
    }`,
    `  known-good: ${
      lane.knownGoodRelease ? lane.knownGoodRelease.version : 'none'
    }`,
  ];
  if (lane.lastDeployment && lane.lastDeployment.status !== 'succeeded') {
    lines.push(
      `  last deployment: ${lane.lastDeployment.status} (${lane.lastDeployment.id})`,
    );
  }
  for (const d of lane.drift.components) {
    const what = {
      'version-differs': `runs ${d.runningVersion}, release has ${d.expectedVersion}`,
      'not-deployed': `release has ${d.expectedVersion}, not deployed`,
      'not-in-release': `runs ${d.runningVersion}, not in the release`,
    }[d.reason];
    lines.push(`  drift: ${d.componentRef} ${what} (since ${d.since})`);
  }
  const incoming =
    lane.incoming?.changes.filter(c => c.change !== 'unchanged') ?? [];
  if (lane.incoming?.release && incoming.length > 0) {
    lines.push(
      `  incoming from ${lane.incoming.fromEnvironment} (${
        lane.incoming.release.version
      }): ${incoming
        .map(
          c =>
            `${c.componentRef} ${c.fromVersion ?? '-'} -> ${
              c.toVersion ?? '-'
            }`,
        )
        .join(', ')}`,
    );
  }
  return lines;
}

/** `status`: GET /systems/{namespace}/{name}/environments; the exit code says whether lanes are in sync. */
export const status: Command = {
  name: 'status',
  summary:
    'What runs where for a System: current and known-good release, drift and incoming changes per lane',
  usage: '--system system:default/shop [--environment production]',
  example:
    'release-orchestration status --system system:default/shop --environment production',
  options: {
    system: { type: 'string' },
    environment: { type: 'string' },
  },
  async run(ctx, flags) {
    const system = parseSystem(requireFlag(flags, 'system'));
    const only = optionalFlag(flags, 'environment');
    const { body } = await ctx.client.get<
      ApiSuccessBody<'listSystemEnvironments'>
    >(`${system.path}/environments`);
    const lanes = only
      ? body.environments.filter(e => e.environment === only)
      : body.environments;
    if (only && lanes.length === 0) {
      throw new CliError(
        `--environment: '${only}' is not a lane; the lanes are ${body.environments
          .map(e => e.environment)
          .join(', ')}`,
        ExitCode.usage,
      );
    }
    let code: ExitCodeValue = ExitCode.ok;
    if (lanes.some(l => l.drift.state === 'drifted')) {
      code = ExitCode.drifted;
    } else if (only && lanes[0].drift.state === 'unknown') {
      code = ExitCode.unknown;
    }
    if (ctx.json) {
      ctx.out(
        JSON.stringify(
          { ...body, environments: lanes, inSync: code === ExitCode.ok },
          null,
          2,
        ),
      );
    } else {
      ctx.out([`${body.systemRef}`, ...lanes.flatMap(describeLane)].join('\n'));
    }
    return code;
  },
};
