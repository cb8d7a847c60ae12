import { readFile } from 'node:fs/promises';
import type { ApiSuccessBody } from '@release-orchestration/plugin-release-orchestration-common';
import {
  Command,
  CommandContext,
  listFlag,
  optionalFlag,
  print,
  printDryRun,
  requireFlag,
} from '../command';
import { CliError, ExitCode } from '../exitCodes';
import { parseSystem } from '../systemRef';

type Pair = { component: string; version: string };
type Releasable = { componentRef: string; latestBuild?: { version: string } };

function parsePair(value: string): Pair {
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) {
    throw new CliError(
      `--component: '${value}' is not like component:default/api@1.2.0`,
      ExitCode.usage,
    );
  }
  const ref = value.slice(0, at);
  return {
    component: ref.includes(':') ? ref : `component:default/${ref}`,
    version: value.slice(at + 1),
  };
}

/**
 * The newest build of each component, keeping the lane's version where the newest build is what
 * the lane's current release already ships; empty when nothing is newer.
 */
async function changedSince(
  ctx: CommandContext,
  system: { ref: string; path: string },
  lane: string,
) {
  const [{ body: components }, { body: lanes }] = await Promise.all([
    ctx.client.get<{ items: Releasable[] }>(`${system.path}/components`),
    ctx.client.get<ApiSuccessBody<'listSystemEnvironments'>>(
      `${system.path}/environments`,
    ),
  ]);
  const state = lanes.environments.find(e => e.environment === lane);
  if (!state) {
    throw new CliError(
      `--changed-since: '${lane}' is not a lane; the lanes are ${lanes.environments
        .map(e => e.environment)
        .join(', ')}`,
      ExitCode.usage,
    );
  }
  const inLane = new Map<string, string>();
  if (state.currentRelease) {
    const { body: current } = await ctx.client.get<
      ApiSuccessBody<'getRelease'>
    >(`/releases/${encodeURIComponent(state.currentRelease.id)}`);
    for (const c of current.components) {
      inLane.set(c.componentRef, c.version);
    }
  }
  const pairs: Pair[] = [];
  let newer = 0;
  for (const c of components.items) {
    const newest = c.latestBuild?.version;
    if (newest && newest !== inLane.get(c.componentRef)) {
      newer += 1;
      pairs.push({ component: c.componentRef, version: newest });
    } else if (inLane.has(c.componentRef)) {
      pairs.push({
        component: c.componentRef,
        version: inLane.get(c.componentRef)!,
      });
    }
  }
  return { pairs: newer > 0 ? pairs : [], current: state.currentRelease };
}

/** `cut-release`: POST /releases. */
export const cutRelease: Command = {
  name: 'cut-release',
  summary:
    'Cut a release of a System from component@version pairs or the newest build of each component',
  usage:
    '--system system:default/shop --version 2026.12.06-1 [--component component:default/api@1.2.0 ...] [--changed-since production] [--notes "..." | --notes-file notes.md] [--risk low|medium|high] [--dry-run]',
  example:
    'release-orchestration cut-release --system system:default/shop --version 2026.12.06-1 --changed-since production --notes "Refunds" --json',
  writes: true,
  options: {
    system: { type: 'string' },
    version: { type: 'string' },
    component: { type: 'string', multiple: true },
    'changed-since': { type: 'string' },
    notes: { type: 'string' },
    'notes-file': { type: 'string' },
    risk: { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  async run(ctx, flags) {
    const system = parseSystem(requireFlag(flags, 'system'));
    const version = requireFlag(flags, 'version');
    const explicit = listFlag(flags, 'component').map(parsePair);
    const lane = optionalFlag(flags, 'changed-since');
    if (explicit.length > 0 && lane) {
      throw new CliError(
        'give --component pairs or --changed-since, not both',
        ExitCode.usage,
      );
    }
    const risk = optionalFlag(flags, 'risk');
    if (risk && !['low', 'medium', 'high'].includes(risk)) {
      throw new CliError(
        `--risk must be low, medium or high, got '${risk}'`,
        ExitCode.usage,
      );
    }
    const notesFile = optionalFlag(flags, 'notes-file');
    let notes = optionalFlag(flags, 'notes');
    if (notesFile) {
      if (notes) {
        throw new CliError(
          'give --notes or --notes-file, not both',
          ExitCode.usage,
        );
      }
      notes = await readFile(notesFile, 'utf8').catch(error => {
        throw new CliError(
          `--notes-file: cannot read ${notesFile}: ${error.message}`,
          ExitCode.usage,
        );
      });
    }
    let components: Pair[] | undefined =
      explicit.length > 0 ? explicit : undefined;
    if (lane) {
      const { pairs, current } = await changedSince(ctx, system, lane);
      if (pairs.length === 0) {
        const message = `Nothing to release: no component of ${
          system.ref
        } has a build newer than what ${lane} ${
          current ? `runs (release ${current.version})` : 'runs'
        }`;
        print(ctx, message, {
          released: false,
          reason: message,
          environment: lane,
        });
        return ExitCode.ok;
      }
      components = pairs;
    }
    const body = {
      system: system.ref,
      version,
      ...(notes ? { notes } : {}),
      ...(risk ? { riskClass: risk } : {}),
      ...(components ? { components } : {}),
    };
    if (flags['dry-run']) {
      printDryRun(ctx, 'POST', '/releases', body);
      return ExitCode.ok;
    }
    const { body: release } = await ctx.client.post<
      ApiSuccessBody<'cutRelease'>
    >('/releases', body);
    print(
      ctx,
      `Release ${release.version} of ${
        release.systemRef
      } cut with ${release.components
        .map(c => `${c.componentRef}@${c.version}`)
        .join(', ')} (id ${release.id})`,
      release,
    );
    return ExitCode.ok;
  },
};
