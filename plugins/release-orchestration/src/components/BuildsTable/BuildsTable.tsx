import { Link, Table, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { BuildWithReleases } from '@release-orchestration/plugin-release-orchestration-common';
import { shortDigest, shortSha } from '../../lib/format';
import { LoadMoreButton } from '../LoadMoreButton';
import { Timestamp } from '../Timestamp';
import { BuildReleases } from './BuildReleases';

const mono = { fontFamily: 'monospace' };

const columns: TableColumn<BuildWithReleases>[] = [
  { title: 'Version', field: 'version', highlight: true },
  {
    title: 'Commit',
    field: 'commitSha',
    render: build => (
      <span style={mono} title={build.commitSha}>
        {shortSha(build.commitSha)}
      </span>
    ),
  },
  {
    title: 'Artifact',
    field: 'artifactUri',
    render: build => (
      <>
        <Typography variant="body2" style={{ wordBreak: 'break-all' }}>
          {build.artifactUri}
        </Typography>
        <Typography
          variant="caption"
          color="textSecondary"
          style={mono}
          title={build.artifactDigest}
        >
          {shortDigest(build.artifactDigest)}
        </Typography>
      </>
    ),
  },
  {
    title: 'Built',
    field: 'createdAt',
    render: build => <Timestamp value={build.createdAt} />,
  },
  {
    title: 'Build',
    field: 'buildUrl',
    render: build =>
      build.buildUrl ? <Link to={build.buildUrl}>Build</Link> : '—',
  },
  {
    title: 'In releases',
    field: 'releases',
    render: build => <BuildReleases releases={build.releases} />,
  },
];

/**
 * Properties of {@link BuildsTable}.
 */
export interface BuildsTableProps {
  builds: BuildWithReleases[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore(): void;
}

/**
 * The builds of a component, newest first, and the releases containing each.
 */
export function BuildsTable(props: BuildsTableProps) {
  const { builds, hasMore, loadingMore, onLoadMore } = props;
  return (
    <>
      <Table<BuildWithReleases>
        title="Builds"
        columns={columns}
        data={builds}
        options={{ paging: false, search: false, sorting: false }}
      />
      <LoadMoreButton
        hasMore={hasMore}
        loadingMore={loadingMore}
        onLoadMore={onLoadMore}
      />
    </>
  );
}
