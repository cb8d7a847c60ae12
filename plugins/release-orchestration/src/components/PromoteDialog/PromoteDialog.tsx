import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  freezeOverridePermission,
  Promotion,
  ReleaseSummary,
} from '@release-orchestration/plugin-release-orchestration-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { releaseOrchestrationApiRef } from '../../api';
import { notifyApprovalsChanged } from '../../hooks/usePendingApprovalCount';
import { useFirstFocus } from '../../hooks/useFirstFocus';
import { plainMessage } from '../../lib/plainWords';
import { refusalOf, RequestRefusal } from '../../lib/promotionRefusal';
import { GateCheckSummary, RequestRefusalAlert } from '../GateCheckSummary';
import { useNotify } from '../../hooks/useNotify';
import { DialogSubmitActions } from '../DialogSubmitActions';

const MIN_OVERRIDE_JUSTIFICATION = 10;

/**
 * Properties of {@link PromoteDialog}.
 */
export interface PromoteDialogProps {
  release: Pick<ReleaseSummary, 'id' | 'version' | 'systemRef'>;
  environment: { name: string; title: string };
  onClose(): void;
  onRequested(promotion: Promotion): void;
}

/**
 * Asks for a promotion. Shows the gate check first (what the request would
 * meet, in the backend's words); a refused check cannot be submitted. When
 * only a freeze stands in the way, holders of freeze.override may override it
 * with a written justification.
 */
export function PromoteDialog(props: PromoteDialogProps) {
  const { release, environment, onClose, onRequested } = props;
  const api = useApi(releaseOrchestrationApiRef);
  const notify = useNotify();
  const override = usePermission({
    permission: freezeOverridePermission,
    resourceRef: release.systemRef,
  });
  const check = useAsync(
    () => api.checkPromotion(release.id, environment.name),
    [api, release.id, environment.name],
  );
  const [justification, setJustification] = useState('');
  const [emergency, setEmergency] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<RequestRefusal | undefined>();

  const outcome = check.value?.outcome;
  const justificationRef = useFirstFocus<HTMLTextAreaElement>(
    check.value !== undefined && outcome !== 'refused',
  );
  const blocked = outcome === 'blocked';
  // An emergency override passes a freeze, not a soak time.
  const frozen = blocked && (check.value?.freezes.length ?? 0) > 0;
  const overrideTooShort =
    emergency && overrideReason.trim().length < MIN_OVERRIDE_JUSTIFICATION;
  const canSubmit =
    !submitting &&
    check.value !== undefined &&
    outcome !== 'refused' &&
    !overrideTooShort;

  const submit = async () => {
    setSubmitting(true);
    setError(undefined);
    try {
      const promotion = await api.requestPromotion(release.id, {
        environment: environment.name,
        justification: justification.trim() || undefined,
        emergencyOverride:
          frozen && emergency
            ? { justification: overrideReason.trim() }
            : undefined,
      });
      notifyApprovalsChanged();
      notify(
        promotion.state === 'blocked'
          ? {
              message: frozen
                ? `Promotion of ${release.version} to ${environment.title} is blocked by a freeze: it waits until the freeze ends, or withdraw it from its lane.`
                : `Promotion of ${release.version} to ${
                    environment.title
                  } waits for its soak time (${plainMessage(
                    promotion.blockedReason ?? '',
                  )}): it goes on by itself when the soak is over, or withdraw it from its lane.`,
              severity: 'warning',
              display: 'permanent',
            }
          : {
              message: `Promotion of ${release.version} to ${
                environment.title
              } requested: ${promotion.state.replace(/_/g, ' ')}.`,
              severity: 'success',
              display: 'transient',
            },
      );
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
      aria-labelledby="promote-title"
    >
      <DialogTitle id="promote-title">
        Promote {release.version} to {environment.title}
      </DialogTitle>
      <DialogContent>
        {error && <RequestRefusalAlert refusal={error} lanes={[environment]} />}
        <Typography variant="h6" gutterBottom>
          Gate check
        </Typography>
        {check.loading && <Progress />}
        {check.error && <ResponseErrorPanel error={check.error} />}
        {check.value && (
          <GateCheckSummary check={check.value} lanes={[environment]} />
        )}
        {frozen && !override.loading && (
          <Box mt={2}>
            {override.allowed ? (
              <>
                <FormControlLabel
                  control={
                    <Checkbox
                      checked={emergency}
                      onChange={e => setEmergency(e.target.checked)}
                    />
                  }
                  label="Emergency override: promote despite the freeze (recorded and flagged)"
                />
                {emergency && (
                  <TextField
                    id="promote-override-justification"
                    label="Why this cannot wait (required)"
                    required
                    fullWidth
                    multiline
                    minRows={2}
                    value={overrideReason}
                    onChange={e => setOverrideReason(e.target.value)}
                    error={overrideTooShort && overrideReason !== ''}
                    helperText={`At least ${MIN_OVERRIDE_JUSTIFICATION} characters; shown with the promotion and in the audit trail.`}
                  />
                )}
              </>
            ) : (
              <Typography variant="body2" color="textSecondary">
                The request will be stored as blocked and goes on when the
                freeze ends. Only people allowed to override freezes can promote
                during one.
              </Typography>
            )}
          </Box>
        )}
        {check.value && outcome !== 'refused' && (
          <Box mt={2}>
            <TextField
              id="promote-justification"
              inputRef={justificationRef}
              label="Justification (optional)"
              fullWidth
              multiline
              minRows={2}
              value={justification}
              onChange={e => setJustification(e.target.value)}
              helperText="Why now, what to watch: shown to the approvers."
            />
          </Box>
        )}
      </DialogContent>
      <DialogSubmitActions
        onCancel={onClose}
        cancelDisabled={submitting}
        onSubmit={submit}
        submitDisabled={!canSubmit}
        submitLabel={
          blocked && emergency
            ? 'Override freeze and request'
            : 'Request promotion'
        }
      />
    </Dialog>
  );
}
