import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { Promotion } from '@release-orchestration/plugin-release-orchestration-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { releaseOrchestrationApiRef } from '../../api';
import { useNotify } from '../../hooks/useNotify';
import { notifyApprovalsChanged } from '../../hooks/usePendingApprovalCount';
import { plainMessage } from '../../lib/plainWords';
import { refusalOf, RequestRefusal } from '../../lib/promotionRefusal';
import { GateCheckSummary, RequestRefusalAlert } from '../GateCheckSummary';
import { ReleaseDiffList } from '../ReleaseDiffCard';
import { DialogSubmitActions } from '../DialogSubmitActions';

/**
 * Properties of {@link RollbackDialog}.
 */
export interface RollbackDialogProps {
  systemRef: string;
  environment: { name: string; title: string };
  /** Where a release of the System is shown, by id. */
  releaseLink(releaseId: string): string;
  onClose(): void;
  onRequested(promotion: Promotion): void;
}

/** What happens after confirming, in words. */
function outcomeText(
  outcome: string,
  environmentTitle: string,
  version: string,
): string {
  switch (outcome) {
    case 'approved':
      return `No approval is needed: the rollback is approved at once, and the deployment pipeline then deploys ${version} to ${environmentTitle}.`;
    case 'pending_approval':
      return `The rollback needs approval before the deployment pipeline deploys ${version} to ${environmentTitle}.`;
    case 'blocked':
      return `A freeze covers ${environmentTitle}: the rollback is stored as blocked and goes on when the freeze ends.`;
    default:
      return `The rollback cannot go ahead now: every condition below must be met first.`;
  }
}

/**
 * "Roll back to known-good" for one lane: shows, before anything happens, the
 * release the rollback would promote (the known-good release other than what
 * runs there), what it changes (the commits it takes out), and the gate check
 * of the lane's rollback policy; confirming asks for the rollback through the
 * same API as CI (`POST /systems/{namespace}/{name}/rollback`), so the same
 * gates, policy and audit trail apply.
 */
export function RollbackDialog(props: RollbackDialogProps) {
  const { systemRef, environment, releaseLink, onClose, onRequested } = props;
  const api = useApi(releaseOrchestrationApiRef);
  const notify = useNotify();
  const dryRun = useAsync(
    () => api.checkRollback(systemRef, environment.name),
    [api, systemRef, environment.name],
  );
  const [justification, setJustification] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<RequestRefusal | undefined>();
  const lanes = [environment];
  const value = dryRun.value;
  const target = value?.target;
  const outcome = value?.check?.outcome;
  const canSubmit =
    !submitting &&
    target !== undefined &&
    outcome !== undefined &&
    outcome !== 'refused';

  const submit = async () => {
    if (!target) return;
    setSubmitting(true);
    setError(undefined);
    try {
      const promotion = await api.rollback(systemRef, {
        environment: environment.name,
        toRelease: target.id,
        justification: justification.trim() || undefined,
      });
      notifyApprovalsChanged();
      const STATE_WORDS: Record<string, string> = {
        pending_approval: 'waiting for approval',
        approved: 'approved, waiting for the deployment pipeline',
        blocked: 'blocked by a freeze: it goes on when the freeze ends',
      };
      notify({
        message: `Rollback of ${environment.title} to ${
          target.version
        } requested: ${
          STATE_WORDS[promotion.state] ?? promotion.state.replace(/_/g, ' ')
        }.`,
        severity: promotion.state === 'blocked' ? 'warning' : 'success',
        display: promotion.state === 'blocked' ? 'permanent' : 'transient',
      });
      onRequested(promotion);
    } catch (e) {
      setError(refusalOf(e));
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby="rollback-title"
    >
      <DialogTitle id="rollback-title">
        Roll back {environment.title} to known-good
      </DialogTitle>
      <DialogContent>
        {error && <RequestRefusalAlert refusal={error} lanes={lanes} />}
        {dryRun.loading && <Progress />}
        {dryRun.error && <ResponseErrorPanel error={dryRun.error} />}
        {value && !target && (
          <Alert severity="info" style={{ overflowWrap: 'anywhere' }}>
            Nothing to roll back to:{' '}
            {plainMessage(value.refusal?.message ?? '', { lanes })}. To undo a
            bad release, fix forward: cut a release with the fix and promote it,
            or roll back to a named earlier release that succeeded here with the
            CLI or API (<code>toRelease</code>).
          </Alert>
        )}
        {value && target && (
          <>
            <Typography variant="body1" gutterBottom>
              {environment.title} goes back
              {value.current && (
                <>
                  {' '}
                  from{' '}
                  <Link to={releaseLink(value.current.id)} underline="always">
                    {value.current.version}
                  </Link>
                </>
              )}{' '}
              to{' '}
              <Link to={releaseLink(target.id)} underline="always">
                {target.version}
              </Link>
              , the newest release that succeeded there without an open
              incident.
            </Typography>
            {outcome && (
              <Typography variant="body2" gutterBottom>
                {outcomeText(outcome, environment.title, target.version)}
              </Typography>
            )}
            <Box mt={2}>
              <Typography variant="h6" component="h3" gutterBottom>
                What changes
              </Typography>
              <ReleaseDiffList changes={value.changes ?? []} />
            </Box>
            {value.check && (
              <Box mt={2}>
                <Typography variant="h6" component="h3" gutterBottom>
                  Gate check (rollback policy)
                </Typography>
                <GateCheckSummary check={value.check} lanes={lanes} />
              </Box>
            )}
            {outcome !== 'refused' && (
              <Box mt={2}>
                <TextField
                  id="rollback-justification"
                  label="Why roll back (optional)"
                  fullWidth
                  multiline
                  minRows={2}
                  value={justification}
                  onChange={e => setJustification(e.target.value)}
                  helperText="Shown to the approvers and kept in the audit trail."
                />
              </Box>
            )}
          </>
        )}
      </DialogContent>
      <DialogSubmitActions
        onCancel={onClose}
        onSubmit={submit}
        submitDisabled={!canSubmit}
        submitLabel={
          submitting
            ? 'Requesting…'
            : `Roll back to ${target?.version ?? 'known-good'}`
        }
      />
    </Dialog>
  );
}
