import type {
  ChangeCommit,
  ComponentChange,
  ReleaseDiff,
} from '@release-orchestration/plugin-release-orchestration-common';

function baseline(diff: ReleaseDiff): string {
  const release = diff.against
    ? `release ${diff.against.version}`
    : 'nothing released yet';
  return diff.environment ? `${diff.environment} (${release})` : release;
}

function versions(c: ComponentChange): string {
  if (c.change === 'added') {
    return `new at ${c.toVersion}`;
  }
  if (c.change === 'removed') {
    return `removed (was ${c.fromVersion})`;
  }
  return `${c.fromVersion} -> ${c.toVersion}`;
}

function commitsOf(
  c: ComponentChange,
): Array<{ commit: ChangeCommit; reverted: boolean }> {
  return [
    ...(c.commits ?? []).map(commit => ({ commit, reverted: false })),
    ...(c.revertedCommits ?? []).map(commit => ({ commit, reverted: true })),
  ];
}

/** Escapes what would break a Markdown table cell or start formatting. */
function md(text: string): string {
  return text.replace(/[\\|*_`<>[\]]/g, m => `\\${m}`).replace(/\r?\n/g, ' ');
}

/** The diff as lines for a terminal. */
export function diffAsText(diff: ReleaseDiff): string {
  const changed = diff.changes.filter(c => c.change !== 'unchanged');
  const lines = [
    `Release ${diff.release.version} against ${baseline(diff)}: ${
      changed.length
    } component(s) change`,
  ];
  for (const c of changed) {
    lines.push(`  ${c.componentRef}: ${versions(c)}`);
    for (const { commit, reverted } of commitsOf(c)) {
      lines.push(
        `    ${reverted ? 'revert ' : ''}${commit.sha.slice(0, 7)} ${
          commit.message ?? ''
        }`.trimEnd(),
      );
    }
    if (c.commitsTruncated) {
      lines.push('    … older commits left out');
    }
  }
  const same = diff.changes.length - changed.length;
  if (same > 0) {
    lines.push(`  ${same} component(s) unchanged`);
  }
  return lines.join('\n');
}

/** The diff as a Markdown comment for a pull or merge request. */
export function diffAsMarkdown(diff: ReleaseDiff): string {
  const changed = diff.changes.filter(c => c.change !== 'unchanged');
  const lines = [
    `### Release ${md(diff.release.version)} against ${md(baseline(diff))}`,
    '',
  ];
  if (changed.length === 0) {
    lines.push('No component changes.');
    return lines.join('\n');
  }
  lines.push('| Component | Change | Commits |', '| --- | --- | --- |');
  for (const c of changed) {
    const commits = commitsOf(c).length;
    lines.push(
      `| ${md(c.componentRef)} | ${versions(c)} | ${commits}${
        c.commitsTruncated ? '+' : ''
      } |`,
    );
  }
  for (const c of changed) {
    const list = commitsOf(c);
    if (list.length === 0) {
      continue;
    }
    lines.push(
      '',
      `<details><summary>${md(c.componentRef)}: ${
        list.length
      } commit(s)</summary>`,
      '',
    );
    for (const { commit, reverted } of list) {
      const message = commit.message ? ` ${md(commit.message)}` : '';
      const sha = `\`${commit.sha.slice(0, 12)}\``;
      lines.push(
        `- ${reverted ? '**reverted** ' : ''}${sha}${message} (${
          commit.version
        }, ${commit.time})`,
      );
    }
    lines.push('', '</details>');
  }
  const same = diff.changes.length - changed.length;
  if (same > 0) {
    lines.push('', `${same} component(s) unchanged.`);
  }
  return lines.join('\n');
}
