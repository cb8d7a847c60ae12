import { Link, Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import {
  ComponentDrift,
  DriftReason,
  EnvironmentState,
} from '@release-orchestration/plugin-release-orchestration-common';
import { Timestamp } from '../Timestamp';

const reasons: Record<DriftReason, string> = {
  'version-differs': 'Runs another version than the release',
  'not-deployed': 'In the release, but not running',
  'not-in-release': 'Running, but not in the release',
};

const columns: TableColumn<ComponentDrift>[] = [
  {
    title: 'Component',
    field: 'componentRef',
    render: row => (
      <EntityRefLink entityRef={row.componentRef} defaultKind="component" />
    ),
  },
  {
    title: 'Expected',
    field: 'expectedVersion',
    render: row => row.expectedVersion ?? '—',
  },
  {
    title: 'Running',
    field: 'runningVersion',
    highlight: true,
    render: row => row.runningVersion ?? 'not running',
  },
  { title: 'Reason', field: 'reason', render: row => reasons[row.reason] },
  {
    title: 'Since',
    field: 'since',
    render: row => <Timestamp value={row.since} />,
  },
];

/**
 * Properties of {@link DriftDetailsDialog}.
 */
export interface DriftDetailsDialogProps {
  /** The lane to explain; the dialog is closed without one. */
  lane?: EnvironmentState;
  onClose(): void;
  /** The URL of a release's page, for the link to the expected release. */
  releaseLink(releaseId: string): string;
}

/**
 * The component-level difference between a lane's current release and what
 * runs there: each component's expected and running version, why it differs
 * and since when.
 */
export function DriftDetailsDialog(props: DriftDetailsDialogProps) {
  const { lane, onClose, releaseLink } = props;
  const titleId = 'release-orchestration-drift-title';
  return (
    <Dialog
      open={Boolean(lane)}
      onClose={onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby={titleId}
    >
      {lane && (
        <>
          <DialogTitle id={titleId}>Drift in {lane.title}</DialogTitle>
          <DialogContent>
            <Typography variant="body2" paragraph>
              {lane.currentRelease ? (
                <>
                  Expected: release{' '}
                  <Link to={releaseLink(lane.currentRelease.id)}>
                    {lane.currentRelease.version}
                  </Link>
                  , the last release deployed here. Components deployed on their
                  own since then differ from it.
                </>
              ) : (
                <>
                  No release has been deployed here, so every running component
                  is outside a release.
                </>
              )}
            </Typography>
            <Table<ComponentDrift>
              columns={columns}
              data={lane.drift.components.map(c => ({
                ...c,
                id: c.componentRef,
              }))}
              options={{
                paging: false,
                search: false,
                sorting: false,
                toolbar: false,
                padding: 'dense',
              }}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose} color="primary">
              Close
            </Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}
