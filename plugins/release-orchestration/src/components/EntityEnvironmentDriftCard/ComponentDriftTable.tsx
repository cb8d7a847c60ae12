import {
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { EnvironmentState } from '@release-orchestration/plugin-release-orchestration-common';
import {
  ComponentLaneCell,
  componentLaneCell,
} from '../../lib/environmentMatrix';

function State(props: { cell: ComponentLaneCell }) {
  const { cell } = props;
  if (cell.drift) {
    const text = {
      'version-differs': 'Drifted: another version than the release',
      'not-deployed': 'Drifted: in the release, not running',
      'not-in-release': 'Drifted: not in the release',
    }[cell.drift.reason];
    return <StatusWarning>{text}</StatusWarning>;
  }
  if (cell.unknown) {
    return <StatusPending>Unknown: nothing deployed</StatusPending>;
  }
  if (!cell.running) {
    return <StatusPending>Not deployed</StatusPending>;
  }
  return <StatusOK>In sync</StatusOK>;
}

const nowrap = { whiteSpace: 'nowrap' } as const;
const mono = { fontFamily: 'monospace', wordBreak: 'break-word' } as const;

/**
 * Properties of {@link ComponentDriftTable}.
 */
export interface ComponentDriftTableProps {
  componentRef: string;
  lanes: EnvironmentState[];
}

/**
 * One row per lane of its System: the version of one component running
 * there, the version the lane's release expects, and whether they differ.
 */
export function ComponentDriftTable(props: ComponentDriftTableProps) {
  const { componentRef, lanes } = props;
  return (
    <Table size="small" aria-label="Component version per environment">
      <TableHead>
        <TableRow>
          <TableCell style={nowrap}>Environment</TableCell>
          <TableCell>Running</TableCell>
          <TableCell style={nowrap}>Release has</TableCell>
          <TableCell>State</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {lanes.map(lane => {
          const cell = componentLaneCell(lane, componentRef);
          return (
            <TableRow key={lane.environment}>
              <TableCell component="th" scope="row" style={nowrap}>
                {lane.title}
              </TableCell>
              <TableCell style={mono}>
                {cell.running ? <strong>{cell.running.version}</strong> : '—'}
              </TableCell>
              <TableCell style={mono}>{cell.expectedVersion ?? '—'}</TableCell>
              <TableCell>
                <Typography variant="body2" component="span">
                  <State cell={cell} />
                </Typography>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
