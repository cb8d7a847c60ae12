import { Link } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { EnvironmentState } from '@release-orchestration/plugin-release-orchestration-common';
import { DeploymentStatusBadge } from '../DeploymentStatusBadge';
import { DriftBadge } from '../DriftBadge';
import { KnownGoodMarker } from '../KnownGoodMarker';

/**
 * Properties of {@link SystemDriftTable}.
 */
export interface SystemDriftTableProps {
  lanes: EnvironmentState[];
  releaseLink(releaseId: string): string;
  onShowDrift(environment: string): void;
}

/**
 * One row per lane: its current release and drift, compact for an overview
 * card.
 */
export function SystemDriftTable(props: SystemDriftTableProps) {
  const { lanes, releaseLink, onShowDrift } = props;
  return (
    <Table size="small" aria-label="Drift per environment">
      <TableHead>
        <TableRow>
          <TableCell>Environment</TableCell>
          <TableCell>Release</TableCell>
          <TableCell>Drift</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {lanes.map(lane => (
          <TableRow key={lane.environment}>
            <TableCell
              component="th"
              scope="row"
              style={{ whiteSpace: 'nowrap' }}
            >
              {lane.title}
            </TableCell>
            <TableCell>
              {lane.currentRelease ? (
                <>
                  <Link to={releaseLink(lane.currentRelease.id)}>
                    {lane.currentRelease.version}
                  </Link>
                  {lane.knownGoodRelease?.id === lane.currentRelease.id && (
                    <KnownGoodMarker />
                  )}
                </>
              ) : (
                <Typography variant="body2" color="textSecondary">
                  none
                </Typography>
              )}
            </TableCell>
            <TableCell>
              <span
                style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}
              >
                <DriftBadge
                  drift={lane.drift}
                  environmentTitle={lane.title}
                  onShowDetails={() => onShowDrift(lane.environment)}
                />
                <DeploymentStatusBadge deployment={lane.lastDeployment} />
              </span>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
