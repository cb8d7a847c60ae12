import { Link, Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { ReleaseComponent } from '@release-orchestration/plugin-release-orchestration-common';
import { shortDigest, shortSha } from '../../lib/format';

const mono = { fontFamily: 'monospace' };

const columns: TableColumn<ReleaseComponent>[] = [
  {
    title: 'Component',
    field: 'componentRef',
    render: row => (
      <EntityRefLink entityRef={row.componentRef} defaultKind="component" />
    ),
  },
  { title: 'Version', field: 'version', highlight: true },
  {
    title: 'Artifact',
    field: 'artifactUri',
    render: row => (
      <>
        <Typography variant="body2" style={{ wordBreak: 'break-all' }}>
          {row.artifactUri}
        </Typography>
        <Typography
          variant="caption"
          color="textSecondary"
          style={mono}
          title={row.artifactDigest}
        >
          {shortDigest(row.artifactDigest)}
        </Typography>
      </>
    ),
  },
  {
    title: 'Commit',
    field: 'commitSha',
    render: row => (
      <span style={mono} title={row.commitSha}>
        {shortSha(row.commitSha)}
      </span>
    ),
  },
  {
    title: 'Build',
    field: 'buildUrl',
    render: row => (row.buildUrl ? <Link to={row.buildUrl}>Build</Link> : '—'),
  },
];

/**
 * The manifest of a release: exactly which build of each component ships.
 */
export function ManifestTable(props: { components: ReleaseComponent[] }) {
  return (
    <Table<ReleaseComponent>
      title="Manifest"
      columns={columns}
      // material-table keeps row state by `id`.
      data={props.components.map(c => ({ ...c, id: c.componentRef }))}
      // No sort headers: material-table's sort label is a button inside the
      // column header (axe nested-interactive); the rows come in a useful order.
      options={{
        paging: false,
        search: false,
        sorting: false,
        padding: 'dense',
      }}
    />
  );
}
