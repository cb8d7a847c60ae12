import { Link, Table, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { Evidence } from '@release-orchestration/plugin-release-orchestration-common';
import { shortDigest } from '../../lib/format';
import { ActorName } from '../ActorName';
import { EvidenceStatusChip } from '../EvidenceStatusChip';
import { Timestamp } from '../Timestamp';

const columns: TableColumn<Evidence>[] = [
  { title: 'Type', field: 'type', highlight: true },
  {
    title: 'Status',
    field: 'status',
    render: row => <EvidenceStatusChip status={row.status} />,
  },
  {
    title: 'Summary',
    field: 'summary',
    render: row => (
      <>
        <Typography variant="body2">{row.summary}</Typography>
        {row.contentDigest && (
          <Typography
            variant="caption"
            color="textSecondary"
            style={{ fontFamily: 'monospace' }}
            title={row.contentDigest}
          >
            {shortDigest(row.contentDigest)}
          </Typography>
        )}
      </>
    ),
  },
  {
    title: 'Environment',
    field: 'environment',
    render: row =>
      row.environment ?? (
        <Typography variant="body2" color="textSecondary">
          all
        </Typography>
      ),
  },
  {
    title: 'Attached by',
    field: 'createdBy',
    render: row => <ActorName actor={row.createdBy} />,
  },
  {
    title: 'Attached',
    field: 'createdAt',
    render: row => <Timestamp value={row.createdAt} />,
  },
  {
    title: 'Report',
    field: 'url',
    render: row => <Link to={row.url}>Open report</Link>,
  },
];

/**
 * Evidence attached to a release, newest first: test reports, scans, change
 * tickets, each with its outcome, who attached it and a link to the report.
 */
export function EvidencePanel(props: { evidence: Evidence[] }) {
  return (
    <Table<Evidence>
      title="Evidence"
      columns={columns}
      data={props.evidence}
      // No sort headers: material-table's sort label is a button inside the
      // column header (axe nested-interactive); the rows come in a useful order.
      options={{
        paging: false,
        search: false,
        sorting: false,
        padding: 'dense',
      }}
      emptyContent={
        <Typography
          variant="body2"
          color="textSecondary"
          style={{ padding: 16 }}
        >
          No evidence yet. CI attaches test reports, scans and change tickets
          with POST /releases/{'{id}'}/evidence; lanes can require them.
        </Typography>
      }
    />
  );
}
