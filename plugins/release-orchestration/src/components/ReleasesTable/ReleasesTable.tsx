import { Link, Table, TableColumn } from '@backstage/core-components';
import { ReleaseSummary } from '@release-orchestration/plugin-release-orchestration-common';
import { ActorName } from '../ActorName';
import { QuarantineChip } from '../QuarantineChip';
import { RiskClassChip } from '../RiskClassChip';
import { LoadMoreButton } from '../LoadMoreButton';
import { Timestamp } from '../Timestamp';

const columns: TableColumn<ReleaseSummary>[] = [
  {
    title: 'Version',
    field: 'version',
    highlight: true,
    // Relative to the tab's route, so it works wherever the tab is mounted.
    render: release => (
      <>
        <Link to={encodeURIComponent(release.version)}>{release.version}</Link>
        {release.quarantine && (
          <QuarantineChip reason={release.quarantine.reason} />
        )}
      </>
    ),
  },
  {
    title: 'Author',
    field: 'createdBy',
    render: release => <ActorName actor={release.createdBy} />,
  },
  {
    title: 'Date',
    field: 'createdAt',
    render: release => <Timestamp value={release.createdAt} />,
  },
  { title: 'Components', field: 'componentCount', type: 'numeric' },
  {
    title: 'Risk',
    field: 'riskClass',
    render: release => <RiskClassChip risk={release.riskClass} />,
  },
];

/**
 * Properties of {@link ReleasesTable}.
 */
export interface ReleasesTableProps {
  releases: ReleaseSummary[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore(): void;
}

/**
 * The releases of a System, newest first, with "Load more" for older ones.
 */
export function ReleasesTable(props: ReleasesTableProps) {
  const { releases, hasMore, loadingMore, onLoadMore } = props;
  return (
    <>
      <Table<ReleaseSummary>
        columns={columns}
        data={releases}
        options={{
          paging: false,
          search: false,
          sorting: false,
          toolbar: false,
        }}
      />
      <LoadMoreButton
        hasMore={hasMore}
        loadingMore={loadingMore}
        onLoadMore={onLoadMore}
      />
    </>
  );
}
