import Box from '@material-ui/core/Box';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { errorMessage } from '../../lib/errorMessage';
import { DialogSubmitActions } from '../DialogSubmitActions';

/** The backend wants a reason of at least this many characters. */
const MIN_REASON = 10;

/**
 * Asks for the reason of a quarantine or of lifting one, and sends it.
 */
export function QuarantineDialog(props: {
  lifting: boolean;
  version: string;
  onSubmit(reason: string): Promise<void>;
  onClose(): void;
}) {
  const { lifting, version, onSubmit, onClose } = props;
  const [reason, setReason] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const tooShort = reason.trim().length < MIN_REASON;
  const title = lifting
    ? `Lift the quarantine of ${version}`
    : `Quarantine ${version}`;

  const submit = async () => {
    setSubmitting(true);
    setError(undefined);
    try {
      await onSubmit(reason.trim());
    } catch (e) {
      setError(errorMessage(e));
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="quarantine-title"
    >
      <DialogTitle id="quarantine-title">{title}</DialogTitle>
      <DialogContent>
        {error && (
          <Box mb={2}>
            <Alert severity="error">{error}</Alert>
          </Box>
        )}
        <DialogContentText>
          {lifting
            ? 'The release can be promoted again and counts as known-good where it succeeded. The audit trail keeps the quarantine and why it was lifted.'
            : 'A quarantined release cannot be promoted anywhere and is never known-good (rollbacks skip it). Its open promotions that have not started deploying are withdrawn.'}
        </DialogContentText>
        <TextField
          id="quarantine-reason"
          label="Reason (required)"
          multiline
          minRows={3}
          fullWidth
          required
          value={reason}
          onChange={e => setReason(e.target.value)}
          helperText={`At least ${MIN_REASON} characters; recorded in the audit trail.`}
        />
      </DialogContent>
      <DialogSubmitActions
        onCancel={onClose}
        cancelDisabled={submitting}
        onSubmit={submit}
        submitDisabled={submitting || tooShort}
        submitLabel={lifting ? 'Lift quarantine' : 'Quarantine'}
      />
    </Dialog>
  );
}
