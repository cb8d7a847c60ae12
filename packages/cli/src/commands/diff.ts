import type { ApiSuccessBody } from '@release-orchestration/plugin-release-orchestration-common';
import { Command, optionalFlag, requireId } from '../command';
import { CliError, ExitCode } from '../exitCodes';
import { diffAsMarkdown, diffAsText } from '../formatDiff';

const FORMATS = ['text', 'markdown', 'json'];

/** `diff`: GET /releases/{id}/diff, against a lane's current release or another release. */
export const diff: Command = {
  name: 'diff',
  summary:
    'What a release would change in a lane (or against another release): components and their commits',
  usage:
    '<release-id> [--environment production | --against <release-id>] [--format text|markdown|json]',
  example:
    'release-orchestration diff "$RELEASE_ID" --environment production --format markdown > comment.md',
  positionals: ['release-id'],
  options: {
    'release-id': { type: 'string' },
    environment: { type: 'string' },
    against: { type: 'string' },
    format: { type: 'string' },
  },
  async run(ctx, flags, positionals) {
    const id = requireId(flags, positionals, 0, 'release-id');
    const environment = optionalFlag(flags, 'environment');
    const against = optionalFlag(flags, 'against');
    if (environment && against) {
      throw new CliError(
        'give --environment or --against, not both',
        ExitCode.usage,
      );
    }
    const format =
      optionalFlag(flags, 'format') ?? (ctx.json ? 'json' : 'text');
    if (!FORMATS.includes(format)) {
      throw new CliError(
        `--format must be one of ${FORMATS.join(', ')}, got '${format}'`,
        ExitCode.usage,
      );
    }
    const query = new URLSearchParams({
      ...(environment ? { environment } : {}),
      ...(against ? { against } : {}),
    }).toString();
    const { body } = await ctx.client.get<ApiSuccessBody<'getReleaseDiff'>>(
      `/releases/${encodeURIComponent(id)}/diff${query ? `?${query}` : ''}`,
    );
    if (format === 'json') {
      ctx.out(JSON.stringify(body, null, 2));
    } else {
      ctx.out(format === 'markdown' ? diffAsMarkdown(body) : diffAsText(body));
    }
    return ExitCode.ok;
  },
};
