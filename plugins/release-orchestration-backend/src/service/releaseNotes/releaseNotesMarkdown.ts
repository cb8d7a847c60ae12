import {
  ChangeCommit,
  ComponentChange,
  ReleaseDiff,
  ReleaseNotes,
  ReleaseSummary,
} from '@release-orchestration/plugin-release-orchestration-common';
import { commitReferences } from './commitReferences';

/** Escapes what markdown would otherwise read as markup in a line of someone's text. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, c => `\\${c}`);
}

function firstLine(message: string | undefined): string {
  return (message ?? '').split(/\r?\n/, 1)[0].trim();
}

function heading(change: ComponentChange): string {
  switch (change.change) {
    case 'added':
      return `${change.componentRef} ${change.toVersion} (added)`;
    case 'removed':
      return `${change.componentRef} (removed; was ${change.fromVersion})`;
    default:
      return `${change.componentRef} ${change.fromVersion} → ${change.toVersion}`;
  }
}

/** The references of a commit: as the diff linked them, else the default patterns. */
function referencesOf(commit: ChangeCommit): {
  pullRequests: string[];
  tickets: string[];
} {
  if (commit.references) {
    return {
      pullRequests: commit.references
        .filter(r => r.kind === 'pullRequest')
        .map(r => r.text),
      tickets: commit.references
        .filter(r => r.kind === 'ticket')
        .map(r => r.text),
    };
  }
  return commitReferences(commit.message ?? '');
}

function commitLine(commit: ChangeCommit, reverted: boolean): string {
  const refs = referencesOf(commit);
  const named = [...refs.pullRequests, ...refs.tickets];
  const message = escapeMarkdown(firstLine(commit.message)) || '(no message)';
  return `- ${reverted ? 'Reverted: ' : ''}\`${commit.sha.slice(
    0,
    7,
  )}\` ${message}${
    named.length > 0 ? ` (${named.map(escapeMarkdown).join(', ')})` : ''
  }`;
}

function comparedWith(diff: ReleaseDiff): string {
  if (diff.environment) {
    return diff.against
      ? `Compared with ${escapeMarkdown(
          diff.against.version,
        )}, the release currently in ${diff.environment}.`
      : `Nothing was released in ${diff.environment} yet: every component is new there.`;
  }
  return `Compared with release ${escapeMarkdown(
    diff.against?.version ?? '',
  )}.`;
}

/**
 * Markdown release notes from a diff with its commits: per changed component the commits it
 * brings (or takes out), then every pull request and ticket the commit messages name.
 */
export function releaseNotesMarkdown(
  release: ReleaseSummary,
  diff: ReleaseDiff,
): ReleaseNotes {
  const lines = [
    `# ${escapeMarkdown(release.systemRef)} ${escapeMarkdown(release.version)}`,
    '',
    comparedWith(diff),
    '',
    `Manifest digest: \`${release.manifestDigest}\``,
    '',
    '## Changes',
  ];
  const pullRequests = new Set<string>();
  const tickets = new Set<string>();
  const moved = diff.changes.filter(c => c.change !== 'unchanged');
  if (moved.length === 0) {
    lines.push('', 'No component changes.');
  }
  for (const change of moved) {
    lines.push('', `### ${escapeMarkdown(heading(change))}`, '');
    const commits = [
      ...(change.commits ?? []).map(c => ({ c, reverted: false })),
      ...(change.revertedCommits ?? []).map(c => ({ c, reverted: true })),
    ];
    for (const { c, reverted } of commits) {
      lines.push(commitLine(c, reverted));
      const refs = referencesOf(c);
      for (const r of refs.pullRequests) pullRequests.add(r);
      for (const t of refs.tickets) tickets.add(t);
    }
    if (commits.length === 0 && change.change !== 'removed') {
      lines.push('- No commits were reported with its builds.');
    }
    if (change.commitsTruncated) {
      lines.push('- … older commits left out.');
    }
  }
  const unchanged = diff.changes.length - moved.length;
  if (unchanged > 0) {
    lines.push('', `${unchanged} component(s) unchanged.`);
  }
  for (const [title, refs] of [
    ['Pull requests', pullRequests],
    ['Tickets', tickets],
  ] as const) {
    if (refs.size > 0) {
      lines.push(
        '',
        `## ${title}`,
        '',
        ...[...refs].map(r => `- ${escapeMarkdown(r)}`),
      );
    }
  }
  return {
    release: diff.release,
    ...(diff.against ? { against: diff.against } : {}),
    ...(diff.environment ? { environment: diff.environment } : {}),
    markdown: `${lines.join('\n')}\n`,
    pullRequests: [...pullRequests],
    tickets: [...tickets],
  };
}
