import {
  InfoCard,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  SourceActivity,
  SourceRunStatus,
  SystemSources,
} from '@release-orchestration/plugin-release-orchestration-common';
import useAsync from 'react-use/esm/useAsync';
import { releaseOrchestrationApiRef } from '../../api';
import { errorMessage } from '../../lib/errorMessage';
import { formatAbsolute, formatRelative } from '../../lib/format';

const KINDS: Record<SourceActivity['kind'], string> = {
  build: 'builds',
  deployment: 'deployments',
  incident: 'incidents',
};

const activityColumns: TableColumn<SourceActivity>[] = [
  { title: 'Source', field: 'source' },
  { title: 'Reports', render: row => KINDS[row.kind] },
  { title: 'Lane', render: row => row.environment ?? '—' },
  { title: 'Count', field: 'count', type: 'numeric' },
  {
    title: 'Last',
    render: row => (
      <span title={formatAbsolute(row.lastAt)}>
        {formatRelative(row.lastAt)}
      </span>
    ),
  },
];

/** How far a source's history backfill is: per source over its scopes, or per scope. */
export function backfillText(row: SourceRunStatus): string {
  const counts = row.counts ?? {};
  if (!row.scope && counts.scopes !== undefined) {
    return `${counts.backfilled ?? 0} of ${counts.scopes} backfilled${
      counts.failed ? `, ${counts.failed} failing` : ''
    }`;
  }
  if (row.scope) {
    return row.backfilledAt
      ? `done ${formatRelative(row.backfilledAt)}`
      : 'in progress';
  }
  return '';
}

const runColumns: TableColumn<SourceRunStatus>[] = [
  {
    title: 'Source',
    render: row => (row.scope ? `${row.source} (${row.scope})` : row.source),
  },
  {
    title: 'Last run',
    render: row => (row.lastRunAt ? formatRelative(row.lastRunAt) : 'never'),
  },
  {
    title: 'Last success',
    render: row =>
      row.lastSuccessAt ? formatRelative(row.lastSuccessAt) : 'never',
  },
  {
    title: 'Backfill',
    render: row => backfillText(row),
  },
  {
    title: 'Error of the last run',
    render: row =>
      row.lastError ? (
        <Typography color="error" variant="body2">
          {row.lastError}
        </Typography>
      ) : (
        'none'
      ),
  },
];

function share(part: number, whole: number): string {
  return whole === 0
    ? 'none yet'
    : `${part} of ${whole} (${Math.round((part / whole) * 100)}%)`;
}

function Coverage({ sources }: { sources: SystemSources }) {
  const { coverage, productionEnvironment } = sources;
  if (coverage.productionDeployments === 0) {
    return (
      <Alert severity="warning">
        No deployments to {productionEnvironment} have been reported for this
        System: its DORA figures are empty.
      </Alert>
    );
  }
  return (
    <Typography variant="body2">
      {productionEnvironment} deployments with commit data (a reported build for
      every component version):{' '}
      {share(
        coverage.productionDeploymentsWithBuilds,
        coverage.productionDeployments,
      )}
      . Incidents attributed to a deployment:{' '}
      {share(
        coverage.productionIncidentsAttributed,
        coverage.productionIncidents,
      )}
      .
    </Typography>
  );
}

/** Imported production deployments the DORA roll-ups do not hold yet, when there are any. */
function DoraBacklog({ sources }: { sources: SystemSources }) {
  const backlog = sources.doraBacklog;
  if (!backlog) {
    return null;
  }
  return (
    <Box mb={2}>
      <Alert severity="info">
        The DORA figures are catching up on an import: {backlog.deployments}{' '}
        imported {sources.productionEnvironment}{' '}
        {backlog.deployments === 1 ? 'deployment' : 'deployments'} (the oldest
        from {backlog.oldestDeployedAt.slice(0, 10)}) are not counted yet. They
        are added in the background, starting a second after the import's last
        request; reload to see the progress.
      </Alert>
    </Box>
  );
}

/**
 * Properties of {@link SystemSourcesPanel}.
 */
export interface SystemSourcesPanelProps {
  /** Full ref of the System. */
  systemRef: string;
}

/**
 * Where a System's data comes from: which sources report builds, deployments (per lane) and
 * incidents and when last, how complete its production data is, and how the scheduled sources'
 * last runs ended.
 */
export function SystemSourcesPanel(props: SystemSourcesPanelProps) {
  const api = useApi(releaseOrchestrationApiRef);
  const { value, loading, error } = useAsync(
    () => api.getSystemSources(props.systemRef),
    [api, props.systemRef],
  );
  if (loading) {
    return <Progress />;
  }
  if (error || !value) {
    return (
      <Alert severity="error">
        Could not load the data sources: {errorMessage(error)}
      </Alert>
    );
  }
  return (
    <InfoCard title="Data sources">
      <DoraBacklog sources={value} />
      <Box mb={2}>
        <Coverage sources={value} />
      </Box>
      {value.activity.length === 0 ? (
        <Typography variant="body2">
          Nothing has been reported for this System yet.
        </Typography>
      ) : (
        <Table
          title="What each source reports"
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={activityColumns}
          data={value.activity.map(a => ({
            ...a,
            id: `${a.source}/${a.kind}/${a.environment ?? ''}`,
          }))}
        />
      )}
      {value.runs.length > 0 && (
        <Box mt={2}>
          <Table
            title="Scheduled sources"
            options={{ paging: false, search: false, padding: 'dense' }}
            columns={runColumns}
            data={value.runs.map(r => ({
              ...r,
              id: `${r.source}/${r.scope}`,
            }))}
          />
        </Box>
      )}
    </InfoCard>
  );
}
