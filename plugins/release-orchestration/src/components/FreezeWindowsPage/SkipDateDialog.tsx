import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { FreezeWindow } from '@release-orchestration/plugin-release-orchestration-common';
import { useState } from 'react';
import { releaseOrchestrationApiRef } from '../../api';
import { useFirstFocus } from '../../hooks/useFirstFocus';
import { useNotify } from '../../hooks/useNotify';
import { errorMessage } from '../../lib/errorMessage';

/** `YYYY-MM-DD` of an instant in a time zone. */
export function localDate(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
}

/**
 * Adds an exception date to a recurring freeze declared in the portal: the
 * window does not open on that date (in its time zone). Suggests the date of
 * the opening shown.
 */
export function SkipDateDialog(props: {
  freeze: FreezeWindow;
  onClose(): void;
  onSkipped(): void;
}) {
  const { freeze, onClose, onSkipped } = props;
  const recurring = freeze.recurring!;
  const api = useApi(releaseOrchestrationApiRef);
  const notify = useNotify();
  const dateRef = useFirstFocus<HTMLInputElement>();
  const [date, setDate] = useState(() =>
    localDate(freeze.start, recurring.timeZone),
  );
  const [error, setError] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);

  const submit = async () => {
    setSubmitting(true);
    setError(undefined);
    try {
      await api.addRecurringFreezeException(recurring.ruleId!, date);
      notify({
        message: `Recurring freeze ${recurring.name} does not open on ${date}.`,
        severity: 'success',
        display: 'transient',
      });
      onSkipped();
    } catch (e) {
      setError(errorMessage(e));
      setSubmitting(false);
    }
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="skip-date-title">
      <DialogTitle id="skip-date-title">
        Skip a date of {recurring.name}
      </DialogTitle>
      <DialogContent>
        {error && (
          <Box mb={2}>
            <Alert severity="error">{error}</Alert>
          </Box>
        )}
        <Typography variant="body2" paragraph>
          {recurring.schedule}. On the date you pick the window does not open;
          promotions its opening holds move on.
        </Typography>
        <TextField
          id="skip-date"
          label={`Date (${recurring.timeZone})`}
          type="date"
          value={date}
          inputRef={dateRef}
          onChange={e => setDate(e.target.value)}
          InputLabelProps={{ shrink: true }}
          fullWidth
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={submitting}>
          Cancel
        </Button>
        <Button
          variant="contained"
          color="primary"
          disabled={submitting || !date}
          onClick={submit}
        >
          Skip this date
        </Button>
      </DialogActions>
    </Dialog>
  );
}
