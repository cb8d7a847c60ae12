import { readFile } from 'node:fs/promises';
import { Command, listFlag, requireId } from '../command';
import { CliError, ExitCode } from '../exitCodes';
import { verifyPack } from '../verifyPack';

/** `verify-evidence-pack`: checks a downloaded pack offline, with the audit key when given. */
export const verifyEvidencePack: Command = {
  name: 'verify-evidence-pack',
  summary:
    'Check an evidence pack offline: manifest digest, audit event links and hashes (keyed ones with --key id=secret)',
  usage: '<pack.json> [--key <key id>=<secret> ...]',
  example:
    'release-orchestration verify-evidence-pack evidence-pack.json --key 2026-12=$AUDIT_KEY',
  positionals: ['file'],
  offline: true,
  options: {
    file: { type: 'string' },
    key: { type: 'string', multiple: true },
  },
  async run(ctx, flags, positionals) {
    const path = requireId(flags, positionals, 0, 'file');
    const secrets = new Map<string, string>();
    for (const key of listFlag(flags, 'key')) {
      const at = key.indexOf('=');
      if (at < 1) {
        throw new CliError(
          `--key must be <key id>=<secret>, got '${key.slice(0, 20)}…'`,
          ExitCode.usage,
        );
      }
      secrets.set(key.slice(0, at), key.slice(at + 1));
    }
    let pack: unknown;
    try {
      pack = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new CliError(
        `cannot read ${path} as JSON: ${(error as Error).message}`,
        ExitCode.usage,
      );
    }
    const result = verifyPack(pack, secrets);
    const ok = result.problems.length === 0;
    if (ctx.json) {
      ctx.out(JSON.stringify({ ok, ...result }, null, 2));
    } else {
      ctx.out(
        [
          ok ? 'Evidence pack verified offline' : 'Evidence pack NOT verified',
          `- manifest digest recomputed from the components`,
          `- ${result.linksChecked} link(s) between consecutive events checked`,
          `- ${result.eventsRecomputed} event hash(es) recomputed${
            result.eventsNotRecomputed > 0
              ? `; ${result.eventsNotRecomputed} keyed event(s) not checked (give --key for their key id)`
              : ''
          }`,
          ...result.problems.map(p => `! ${p}`),
        ].join('\n'),
      );
    }
    return ok ? ExitCode.ok : ExitCode.mismatch;
  },
};
