import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Paper from '@material-ui/core/Paper';
import Switch from '@material-ui/core/Switch';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import DeleteIcon from '@material-ui/icons/Delete';
import {
  freezeManagePermission,
  FreezeWindow,
} from '@release-orchestration/plugin-release-orchestration-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseOrchestrationApiRef } from '../../api';
import { useUnscopedPermission } from '../../hooks/useUnscopedPermission';
import { errorMessage } from '../../lib/errorMessage';
import { describeRecurringNext } from '../../lib/freezes';
import { formatDateTime } from '../../lib/plainWords';
import { browserTimeZone } from './CreateFreezeDialog';
import { ActorName } from '../ActorName';
import { CreateFreezeDialog } from './CreateFreezeDialog';
import { SkipDateDialog } from './SkipDateDialog';
import { useNotify } from '../../hooks/useNotify';

const nowrap = { whiteSpace: 'nowrap' } as const;

function freezeStatus(freeze: FreezeWindow, now: number): string {
  if (Date.parse(freeze.end) <= now) return 'ended';
  const status = Date.parse(freeze.start) <= now ? 'in force' : 'scheduled';
  return freeze.recurring ? `${status} (recurring)` : status;
}

/**
 * Freeze windows: the list (ended ones on request) for everyone; declaring
 * and deleting for holders of release-orchestration.freeze.manage.
 */
export function FreezeWindowsContent() {
  const api = useApi(releaseOrchestrationApiRef);
  const notify = useNotify();
  // Not about one System: allowed only where the policy allows it unconditionally.
  const manage = useUnscopedPermission(freezeManagePermission);
  const [includePast, setIncludePast] = useState(false);
  const [creating, setCreating] = useState(false);
  const environments = useAsync(() => api.listEnvironments(), [api]);
  const freezes = useAsyncRetry(
    () => api.listFreezes({ includePast }),
    [api, includePast],
  );
  const now = Date.now();
  const titles = new Map(
    (environments.value?.items ?? []).map(e => [e.name, e.title]),
  );
  const laneTitle = (name: string) => titles.get(name) ?? name;

  const [deleting, setDeleting] = useState<FreezeWindow | undefined>();

  const [skipping, setSkipping] = useState<FreezeWindow | undefined>();

  const remove = async (freeze: FreezeWindow) => {
    setDeleting(undefined);
    try {
      const ruleId = freeze.recurring?.ruleId;
      if (ruleId) {
        await api.deleteRecurringFreeze(ruleId);
      } else {
        await api.deleteFreeze(freeze.id);
      }
      notify({
        message: freeze.recurring
          ? `Recurring freeze ${freeze.recurring.name} deleted.`
          : `Freeze of ${laneTitle(freeze.environment)} deleted.`,
        severity: 'success',
        display: 'transient',
      });
      freezes.retry();
    } catch (e) {
      notify({
        message: `Could not delete the freeze: ${errorMessage(e)}`,
        severity: 'error',
      });
    }
  };

  return (
    <>
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        flexWrap="wrap"
        mb={2}
        style={{ gap: 16 }}
      >
        <Box>
          <Link to="..">
            <ArrowBackIcon
              fontSize="inherit"
              style={{ verticalAlign: 'middle' }}
            />{' '}
            Approval queue
          </Link>
          <Typography variant="h5" component="h2">
            Freeze windows
          </Typography>
          {/* On the grey page, not a card: primary text keeps AA contrast. */}
          <Typography variant="body2">Times in {browserTimeZone()}.</Typography>
        </Box>
        <Box display="flex" alignItems="center" style={{ gap: 16 }}>
          <FormControlLabel
            control={
              <Switch
                checked={includePast}
                onChange={e => setIncludePast(e.target.checked)}
              />
            }
            label="Show ended windows"
          />
          {manage.allowed && (
            <Button
              variant="contained"
              color="primary"
              startIcon={<AddIcon />}
              disabled={!environments.value}
              onClick={() => setCreating(true)}
            >
              Declare freeze
            </Button>
          )}
        </Box>
      </Box>
      {freezes.loading && !freezes.value && <Progress />}
      {freezes.error && <ResponseErrorPanel error={freezes.error} />}
      {freezes.value && freezes.value.items.length === 0 && (
        <EmptyState
          missing="data"
          title="No freeze windows"
          description="A freeze window blocks promotions into one environment, for some or every System, from its start to its end."
        />
      )}
      {freezes.value && freezes.value.items.length > 0 && (
        <Paper>
          <Table size="small" aria-label="Freeze windows">
            <TableHead>
              <TableRow>
                <TableCell style={nowrap}>Environment</TableCell>
                <TableCell>Systems</TableCell>
                <TableCell>Start</TableCell>
                <TableCell>End</TableCell>
                <TableCell style={nowrap}>Status</TableCell>
                <TableCell>Reason</TableCell>
                <TableCell style={nowrap}>Declared by</TableCell>
                {manage.allowed && <TableCell />}
              </TableRow>
            </TableHead>
            <TableBody>
              {freezes.value.items.map(freeze => (
                <TableRow key={freeze.id}>
                  <TableCell style={nowrap}>
                    {laneTitle(freeze.environment)}
                  </TableCell>
                  <TableCell>
                    {freeze.systems.length === 0 ? (
                      <Typography variant="body2" color="textSecondary">
                        every System
                      </Typography>
                    ) : (
                      freeze.systems.map(ref => (
                        <div key={ref} style={nowrap}>
                          <EntityRefLink entityRef={ref} defaultKind="system" />
                        </div>
                      ))
                    )}
                  </TableCell>
                  <TableCell style={nowrap}>
                    {formatDateTime(freeze.start)}
                  </TableCell>
                  <TableCell style={nowrap}>
                    {formatDateTime(freeze.end)}
                  </TableCell>
                  <TableCell style={nowrap}>
                    {freezeStatus(freeze, now)}
                  </TableCell>
                  <TableCell>
                    {freeze.reason}
                    {freeze.recurring && (
                      <Typography variant="body2" color="textSecondary">
                        {describeRecurringNext(freeze)}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    {freeze.recurring && !freeze.recurring.ruleId ? (
                      <Typography variant="body2" color="textSecondary">
                        app-config
                      </Typography>
                    ) : (
                      <ActorName actor={freeze.createdBy} />
                    )}
                  </TableCell>
                  {manage.allowed && freeze.recurring?.ruleId && (
                    <TableCell style={nowrap}>
                      <Button
                        size="small"
                        aria-label={`Skip a date of the recurring freeze ${freeze.recurring.name}`}
                        onClick={() => setSkipping(freeze)}
                      >
                        Skip a date
                      </Button>
                      <Button
                        size="small"
                        startIcon={<DeleteIcon />}
                        aria-label={`Delete the recurring freeze ${
                          freeze.recurring.name
                        } of ${laneTitle(freeze.environment)}`}
                        onClick={() => setDeleting(freeze)}
                      >
                        Delete
                      </Button>
                    </TableCell>
                  )}
                  {manage.allowed &&
                    freeze.recurring &&
                    !freeze.recurring.ruleId && (
                      <TableCell>
                        <Typography variant="body2" color="textSecondary">
                          Change it in app-config
                        </Typography>
                      </TableCell>
                    )}
                  {manage.allowed && !freeze.recurring && (
                    <TableCell style={nowrap}>
                      <Button
                        size="small"
                        startIcon={<DeleteIcon />}
                        aria-label={`Delete the freeze of ${laneTitle(
                          freeze.environment,
                        )}: ${freeze.reason}`}
                        onClick={() => setDeleting(freeze)}
                      >
                        Delete
                      </Button>
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}
      {deleting && (
        <Dialog
          open
          onClose={() => setDeleting(undefined)}
          aria-labelledby="delete-freeze-title"
        >
          <DialogTitle id="delete-freeze-title">
            Delete this freeze window?
          </DialogTitle>
          <DialogContent>
            <Typography variant="body2">
              {deleting.recurring
                ? `${laneTitle(deleting.environment)}, ${
                    deleting.recurring.schedule
                  }: every opening, in every lane it covers. Promotions it holds as blocked move on.`
                : `${laneTitle(deleting.environment)}, ${formatDateTime(
                    deleting.start,
                  )} to ${formatDateTime(deleting.end)}: ${
                    deleting.reason
                  }. Promotions it holds as blocked move on.`}
            </Typography>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setDeleting(undefined)}>Keep it</Button>
            <Button
              variant="contained"
              color="secondary"
              onClick={() => remove(deleting)}
            >
              Delete freeze
            </Button>
          </DialogActions>
        </Dialog>
      )}
      {skipping?.recurring?.ruleId && (
        <SkipDateDialog
          freeze={skipping}
          onClose={() => setSkipping(undefined)}
          onSkipped={() => {
            setSkipping(undefined);
            freezes.retry();
          }}
        />
      )}
      {creating && environments.value && (
        <CreateFreezeDialog
          environments={environments.value.items}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            freezes.retry();
          }}
        />
      )}
    </>
  );
}
