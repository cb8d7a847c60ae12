import { DoraFactsPage } from '@release-orchestration/plugin-release-orchestration-common';

type Fact = DoraFactsPage['items'][number];

const COLUMNS: Record<Fact['kind'], string[]> = {
  deployment: [
    'deploymentId',
    'systemRef',
    'releaseVersion',
    'releaseId',
    'deployedAt',
    'status',
    'rollback',
    'hotfix',
    'failure',
    'rework',
    'rolledBackBy',
    'incidentCount',
    'commitData',
  ],
  commit: [
    'componentRef',
    'sha',
    'systemRef',
    'deploymentId',
    'committedAt',
    'deployedAt',
    'leadSeconds',
  ],
  failure: [
    'deploymentId',
    'systemRef',
    'releaseId',
    'startedAt',
    'restoredAt',
    'restoredBy',
    'seconds',
    'incidents',
  ],
};

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
function field(value: unknown): string {
  let text: string;
  if (value === undefined || value === null) {
    text = '';
  } else if (Array.isArray(value)) {
    text = value
      .map(v =>
        typeof v === 'object' && v
          ? (v as { externalId: string }).externalId
          : String(v),
      )
      .join(' ');
  } else {
    text = String(value);
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The facts behind a DORA figure as CSV, a header line and one line per row. */
export function doraFactsCsv(items: Fact[]): string {
  const kind = items[0]?.kind ?? 'deployment';
  const columns = COLUMNS[kind];
  const lines = [columns.join(',')];
  for (const item of items) {
    lines.push(
      columns
        .map(column =>
          field((item as unknown as Record<string, unknown>)[column]),
        )
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
