import type { ReleaseDiff } from '@release-orchestration/plugin-release-orchestration-common';
import { diffAsMarkdown, diffAsText } from './formatDiff';

const diff: ReleaseDiff = {
  release: { id: 'r2', version: '2026.12.06-1' },
  against: { id: 'r1', version: '2026.12.01-1' },
  environment: 'production',
  changes: [
    {
      componentRef: 'component:default/new',
      change: 'added',
      toVersion: '0.1.0',
      commits: [],
    },
    {
      componentRef: 'component:default/api',
      change: 'changed',
      fromVersion: '1.0.0',
      toVersion: '1.1.0',
      commits: [
        {
          sha: '0123456789abcdef',
          time: '2026-12-02T09:00:00.000Z',
          message: 'Fix <script> | *bold*',
          version: '1.1.0',
        },
        {
          sha: 'fedcba9876543210',
          time: '2026-12-02T08:00:00.000Z',
          version: '1.1.0',
        },
      ],
      commitsTruncated: true,
    },
    {
      componentRef: 'component:default/web',
      change: 'changed',
      fromVersion: '2.0.0',
      toVersion: '1.9.0',
      commits: [],
      revertedCommits: [
        {
          sha: 'aaaaaaaaaaaa',
          time: '2026-11-30T08:00:00.000Z',
          message: 'Dark mode',
          version: '2.0.0',
        },
      ],
    },
    {
      componentRef: 'component:default/old',
      change: 'removed',
      fromVersion: '0.9.0',
    },
    {
      componentRef: 'component:default/db',
      change: 'unchanged',
      fromVersion: '3.0.0',
      toVersion: '3.0.0',
    },
  ],
};

describe('formatDiff', () => {
  it('writes a pull-request comment with a table, escaped commit messages and reverted commits', () => {
    expect(diffAsMarkdown(diff)).toBe(
      [
        '### Release 2026.12.06-1 against production (release 2026.12.01-1)',
        '',
        '| Component | Change | Commits |',
        '| --- | --- | --- |',
        '| component:default/new | new at 0.1.0 | 0 |',
        '| component:default/api | 1.0.0 -> 1.1.0 | 2+ |',
        '| component:default/web | 2.0.0 -> 1.9.0 | 1 |',
        '| component:default/old | removed (was 0.9.0) | 0 |',
        '',
        '<details><summary>component:default/api: 2 commit(s)</summary>',
        '',
        '- `0123456789ab` Fix \\<script\\> \\| \\*bold\\* (1.1.0, 2026-12-02T09:00:00.000Z)',
        '- `fedcba987654` (1.1.0, 2026-12-02T08:00:00.000Z)',
        '',
        '</details>',
        '',
        '<details><summary>component:default/web: 1 commit(s)</summary>',
        '',
        '- **reverted** `aaaaaaaaaaaa` Dark mode (2.0.0, 2026-11-30T08:00:00.000Z)',
        '',
        '</details>',
        '',
        '1 component(s) unchanged.',
      ].join('\n'),
    );
  });

  it('says so when nothing changes, and names an empty lane', () => {
    const same: ReleaseDiff = {
      release: { id: 'r1', version: 'v1' },
      environment: 'dev',
      changes: [],
    };
    expect(diffAsMarkdown(same)).toBe(
      '### Release v1 against dev (nothing released yet)\n\nNo component changes.',
    );
    expect(diffAsText(diff).split('\n')).toEqual([
      'Release 2026.12.06-1 against production (release 2026.12.01-1): 4 component(s) change',
      '  component:default/new: new at 0.1.0',
      '  component:default/api: 1.0.0 -> 1.1.0',
      '    0123456 Fix <script> | *bold*',
      '    fedcba9',
      '    … older commits left out',
      '  component:default/web: 2.0.0 -> 1.9.0',
      '    revert aaaaaaa Dark mode',
      '  component:default/old: removed (was 0.9.0)',
      '  1 component(s) unchanged',
    ]);
  });
});
