import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  Promotion,
  ReleaseSummary,
} from '@release-orchestration/plugin-release-orchestration-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { releaseOrchestrationApiRef } from '../../api';
import { notifyApprovalsChanged } from '../../hooks/usePendingApprovalCount';
import { useNotify } from '../../hooks/useNotify';
import { refusalOf, RequestRefusal } from '../../lib/promotionRefusal';
import { DialogSubmitActions } from '../DialogSubmitActions';
import { GateCheckSummary, RequestRefusalAlert } from '../GateCheckSummary';

/**
 * Properties of {@link FanOutPromoteDialog}.
 */
export interface FanOutPromoteDialogProps {
  release: Pick<ReleaseSummary, 'id' | 'version' | 'systemRef'>;
  /** The lanes to promote into at once, e.g. Production EU and Production US. */
  environments: Array<{ name: string; title: string }>;
  onClose(): void;
  onRequested(promotions: Promotion[]): void;
}

/**
 * Asks for promotions of one release into several lanes at once (fan-out):
 * the gate check of every lane first, then one request that stores a
 * promotion per lane, each under its own policy, or none. A lane whose check
 * is refused keeps the request from being sent; that lane can still be left
 * out by promoting the others one by one.
 */
export function FanOutPromoteDialog(props: FanOutPromoteDialogProps) {
  const { release, environments, onClose, onRequested } = props;
  const api = useApi(releaseOrchestrationApiRef);
  const notify = useNotify();
  const names = environments.map(e => e.name).join(',');
  const checks = useAsync(
    () =>
      Promise.all(
        environments.map(e => api.checkPromotion(release.id, e.name)),
      ),
    [api, release.id, names],
  );
  const [justification, setJustification] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<RequestRefusal | undefined>();
  const titles = environments.map(e => e.title).join(' and ');
  const refused = (checks.value ?? []).filter(c => c.outcome === 'refused');
  const canSubmit =
    !submitting && checks.value !== undefined && refused.length === 0;

  const submit = async () => {
    setSubmitting(true);
    setError(undefined);
    try {
      const made = await api.requestFanOutPromotion({
        releaseId: release.id,
        environments: environments.map(e => e.name),
        justification: justification.trim() || undefined,
      });
      notifyApprovalsChanged();
      notify({
        message: `Promotion of ${
          release.version
        } to ${titles} requested: ${made.items
          .map(
            p =>
              `${
                environments.find(e => e.name === p.environment)?.title ??
                p.environment
              } ${p.state.replace(/_/g, ' ')}`,
          )
          .join(', ')}.`,
        severity: made.items.some(p => p.state === 'blocked')
          ? 'warning'
          : 'success',
        display: 'transient',
      });
      onRequested(made.items);
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
      aria-labelledby="fan-out-title"
    >
      <DialogTitle id="fan-out-title">
        Promote {release.version} to {titles}
      </DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          One promotion per lane, each with its own policy, approvals and
          deployment; both are requested together or neither is.
        </Typography>
        {error && <RequestRefusalAlert refusal={error} lanes={environments} />}
        {checks.loading && <Progress />}
        {checks.error && <ResponseErrorPanel error={checks.error} />}
        {checks.value?.map(check => {
          const lane = environments.find(e => e.name === check.environment);
          return (
            <Box key={check.environment} mb={2}>
              <Typography variant="h6" component="h3" gutterBottom>
                Gate check: {lane?.title ?? check.environment}
              </Typography>
              <GateCheckSummary check={check} lanes={lane ? [lane] : []} />
            </Box>
          );
        })}
        {refused.length > 0 && (
          <Typography variant="body2">
            {refused
              .map(
                c =>
                  environments.find(e => e.name === c.environment)?.title ??
                  c.environment,
              )
              .join(' and ')}{' '}
            cannot take the release yet, so the lanes cannot be requested
            together; promote the others one by one, or meet the conditions
            above first.
          </Typography>
        )}
        {checks.value && refused.length === 0 && (
          <TextField
            id="fan-out-justification"
            label="Justification (optional)"
            fullWidth
            multiline
            minRows={2}
            value={justification}
            onChange={e => setJustification(e.target.value)}
            helperText="Shown to the approvers of every lane."
          />
        )}
      </DialogContent>
      <DialogSubmitActions
        onCancel={onClose}
        cancelDisabled={submitting}
        onSubmit={submit}
        submitDisabled={!canSubmit}
        submitLabel={`Request ${environments.length} promotions`}
      />
    </Dialog>
  );
}
