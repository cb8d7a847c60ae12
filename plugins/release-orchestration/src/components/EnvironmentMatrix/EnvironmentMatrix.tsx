import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import ArrowIcon from '@material-ui/icons/ArrowForward';
import { EnvironmentState } from '@release-orchestration/plugin-release-orchestration-common';
import { useState } from 'react';
import { entityNameOf } from '../../lib/entityRef';
import { componentRows } from '../../lib/environmentMatrix';
import { DriftDetailsDialog } from '../DriftDetailsDialog';
import { ComponentVersionCell } from './ComponentVersionCell';
import { LaneRollback } from './LaneRollback';
import { LaneSummaryCell } from './LaneSummaryCell';

const useStyles = makeStyles(theme => ({
  table: { tableLayout: 'fixed' },
  corner: { width: '18%' },
  lane: { verticalAlign: 'top' },
  laneHeader: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
  arrow: { color: theme.palette.text.secondary },
  sectionRow: { backgroundColor: theme.palette.background.default },
}));

/**
 * Properties of {@link EnvironmentMatrix}.
 */
export interface EnvironmentMatrixProps {
  /** The System's lanes in promotion order, as `GET /systems/{ns}/{name}/environments` returns them. */
  lanes: EnvironmentState[];
  releaseLink(releaseId: string): string;
  /**
   * The System, to offer "Roll back to known-good" in each lane's header
   * (absent: no rollback controls).
   */
  systemRef?: string;
  /** Called after a rollback was requested, to reload the lanes. */
  onChanged?(): void;
}

/**
 * The environment matrix of a System: one column per lane, in promotion
 * order. The first row is each lane's release, drift and deployment state;
 * below, one row per component with the version running in each lane, drift
 * highlighted. Clicking a drift badge or a drifted cell opens the details.
 * Every lane but the last (production) links to what its release changed
 * since production; with `systemRef`, each lane's header offers "Roll back
 * to known-good" (or says why it cannot).
 */
export function EnvironmentMatrix(props: EnvironmentMatrixProps) {
  const { lanes, releaseLink, systemRef, onChanged } = props;
  const classes = useStyles();
  const [openLane, setOpenLane] = useState<string>();
  const rows = componentRows(lanes);
  const titleOf = (name: string) =>
    lanes.find(l => l.environment === name)?.title ?? name;
  // The lane a release comes from (the first of its `after`); after a fan-out this is not
  // always the column before, and the header says so ("after Staging").
  const fromOf = (index: number) =>
    lanes[index].incoming?.fromEnvironment ??
    (index > 0 ? lanes[index - 1].environment : undefined);
  const branches = (index: number) =>
    index > 0 && fromOf(index) !== lanes[index - 1].environment;
  const show = (environment: string) => () => setOpenLane(environment);

  return (
    <>
      <Table
        size="small"
        className={classes.table}
        aria-label="Environment matrix"
      >
        <TableHead>
          <TableRow>
            <TableCell className={classes.corner} />
            {lanes.map((lane, index) => (
              <TableCell key={lane.environment} scope="col">
                <span className={classes.laneHeader}>
                  {index > 0 && (
                    <ArrowIcon
                      fontSize="small"
                      className={classes.arrow}
                      aria-hidden
                    />
                  )}
                  <Typography variant="subtitle2" component="span">
                    {lane.title}
                  </Typography>
                </span>
                {branches(index) && (
                  <Typography variant="caption" component="div">
                    after {titleOf(fromOf(index)!)}
                  </Typography>
                )}
                {systemRef && (
                  <LaneRollback
                    systemRef={systemRef}
                    lane={lane}
                    releaseLink={releaseLink}
                    onRequested={() => onChanged?.()}
                  />
                )}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          <TableRow>
            <TableCell component="th" scope="row" className={classes.lane}>
              <Typography variant="subtitle2">Release</Typography>
            </TableCell>
            {lanes.map((lane, index) => (
              <TableCell
                key={lane.environment}
                className={classes.lane}
                aria-label={`${lane.title} lane`}
              >
                <LaneSummaryCell
                  lane={lane}
                  previousTitle={
                    fromOf(index) ? titleOf(fromOf(index)!) : undefined
                  }
                  releaseLink={releaseLink}
                  onShowDrift={show(lane.environment)}
                  production={lanes[lanes.length - 1]}
                />
              </TableCell>
            ))}
          </TableRow>
          <TableRow className={classes.sectionRow}>
            <TableCell colSpan={lanes.length + 1}>
              <Typography variant="caption" color="textSecondary">
                {rows.length > 0
                  ? 'Version running per component; highlighted cells differ from the lane’s release'
                  : 'No component has been deployed to any environment yet'}
              </Typography>
            </TableCell>
          </TableRow>
          {rows.map(row => (
            <TableRow key={row.componentRef}>
              <TableCell component="th" scope="row">
                <EntityRefLink
                  entityRef={row.componentRef}
                  defaultKind="component"
                />
              </TableCell>
              {row.cells.map((cell, index) => (
                <TableCell key={cell.environment}>
                  <ComponentVersionCell
                    cell={cell}
                    componentName={entityNameOf(row.componentRef)}
                    environmentTitle={lanes[index].title}
                    onShowDrift={show(cell.environment)}
                  />
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <DriftDetailsDialog
        lane={lanes.find(lane => lane.environment === openLane)}
        onClose={() => setOpenLane(undefined)}
        releaseLink={releaseLink}
      />
    </>
  );
}
