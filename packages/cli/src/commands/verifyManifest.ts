import { readFile } from 'node:fs/promises';
import type { ApiSuccessBody } from '@release-orchestration/plugin-release-orchestration-common';
import { Command, optionalFlag, requireId } from '../command';
import { CliError, ExitCode } from '../exitCodes';
import { DigestLine, manifestDigest } from '../manifestDigest';

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** A deployed manifest file: `[{ "component": ref, "artifactDigest": "sha256:…" }]` (or `componentRef`). */
async function readManifestFile(path: string): Promise<DigestLine[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CliError(
      `--file: cannot read ${path} as JSON: ${(error as Error).message}`,
      ExitCode.usage,
    );
  }
  const items = Array.isArray(parsed)
    ? parsed
    : (parsed as { components?: unknown })?.components;
  if (!Array.isArray(items)) {
    throw new CliError(
      '--file: expected a JSON array of { component, artifactDigest } (or an object with components)',
      ExitCode.usage,
    );
  }
  return items.map((item, i) => {
    const componentRef = item?.componentRef ?? item?.component;
    if (
      typeof componentRef !== 'string' ||
      typeof item?.artifactDigest !== 'string'
    ) {
      throw new CliError(
        `--file: entry ${i} needs component (or componentRef) and artifactDigest`,
        ExitCode.usage,
      );
    }
    return { componentRef, artifactDigest: item.artifactDigest };
  });
}

/** The components whose artifact differs between two manifests, for the mismatch message. */
function differences(expected: DigestLine[], actual: DigestLine[]): string[] {
  const mine = new Map(
    expected.map(l => [l.componentRef, l.artifactDigest.toLowerCase()]),
  );
  const theirs = new Map(
    actual.map(l => [l.componentRef, l.artifactDigest.toLowerCase()]),
  );
  const refs = [...new Set([...mine.keys(), ...theirs.keys()])].sort();
  return refs
    .filter(ref => mine.get(ref) !== theirs.get(ref))
    .map(
      ref =>
        `  ${ref}: release ${mine.get(ref) ?? '(absent)'}, given ${
          theirs.get(ref) ?? '(absent)'
        }`,
    );
}

/** `verify-manifest`: a release's manifest digest, recomputed, against a digest or a deployed manifest. */
export const verifyManifest: Command = {
  name: 'verify-manifest',
  summary:
    "Check a release's manifest digest: recomputed from its manifest, and against a given digest or a deployed manifest file",
  usage: '<release-id> [--digest sha256:<hex>] [--file deployed-manifest.json]',
  example:
    'release-orchestration verify-manifest "$RELEASE_ID" --file <(kubectl get deploy -o json | jq \'[...]\')',
  positionals: ['release-id'],
  options: {
    'release-id': { type: 'string' },
    digest: { type: 'string' },
    file: { type: 'string' },
  },
  async run(ctx, flags, positionals) {
    const id = requireId(flags, positionals, 0, 'release-id');
    const given = optionalFlag(flags, 'digest');
    if (given && !DIGEST.test(given)) {
      throw new CliError(
        `--digest must be sha256:<64 lower-case hex digits>, got '${given}'`,
        ExitCode.usage,
      );
    }
    const file = optionalFlag(flags, 'file');
    const deployed = file ? await readManifestFile(file) : undefined;
    const { body: release } = await ctx.client.get<
      ApiSuccessBody<'getRelease'>
    >(`/releases/${encodeURIComponent(id)}`);
    const lines = release.components.map(c => ({
      componentRef: c.componentRef,
      artifactDigest: c.artifactDigest,
    }));
    const recomputed = manifestDigest(lines);
    const problems: string[] = [];
    if (recomputed !== release.manifestDigest) {
      problems.push(
        `the manifest the server returns hashes to ${recomputed}, not the digest stored at cut time ${release.manifestDigest}: it changed after the release was cut`,
      );
    }
    if (given && given !== release.manifestDigest) {
      problems.push(
        `the release's digest is ${release.manifestDigest}, not the given ${given}`,
      );
    }
    if (deployed && manifestDigest(deployed) !== release.manifestDigest) {
      problems.push(
        `${file} hashes to ${manifestDigest(deployed)}, not the release's ${
          release.manifestDigest
        }:\n${differences(lines, deployed).join('\n')}`,
      );
    }
    const result = {
      releaseId: release.id,
      version: release.version,
      manifestDigest: release.manifestDigest,
      recomputed,
      ok: problems.length === 0,
      problems,
    };
    if (ctx.json) {
      ctx.out(JSON.stringify(result, null, 2));
    } else if (problems.length === 0) {
      ctx.out(
        `Release ${release.version}: manifest digest ${
          release.manifestDigest
        } verified${given ? ', matches the given digest' : ''}${
          deployed ? `, matches ${file}` : ''
        }`,
      );
    } else {
      ctx.out(
        `Release ${release.version}: manifest digest NOT verified\n${problems
          .map(p => `- ${p}`)
          .join('\n')}`,
      );
    }
    return problems.length === 0 ? ExitCode.ok : ExitCode.mismatch;
  },
};
