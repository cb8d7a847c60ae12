import Button from '@material-ui/core/Button';
import DialogActions from '@material-ui/core/DialogActions';
import { ReactNode } from 'react';

/** Properties of {@link DialogSubmitActions}. */
export interface DialogSubmitActionsProps {
  /** Closes the dialog without doing anything. */
  onCancel(): void;
  /** Does what the dialog is for. */
  onSubmit(): void;
  /** The submit button's text, naming what it does ("Request promotion"). */
  submitLabel: ReactNode;
  /** The submit button cannot be pressed (a field is missing, or the request is under way). */
  submitDisabled?: boolean;
  /** The cancel button cannot be pressed either (while the request is under way). */
  cancelDisabled?: boolean;
  /** `secondary` for a destructive or refusing action (a rejection). Default `primary`. */
  color?: 'primary' | 'secondary';
  /** Default "Cancel". */
  cancelLabel?: ReactNode;
}

/** The buttons at the bottom of a form dialog: Cancel, then the action the dialog is for. */
export function DialogSubmitActions(props: DialogSubmitActionsProps) {
  const {
    onCancel,
    onSubmit,
    submitLabel,
    submitDisabled = false,
    cancelDisabled = false,
    color = 'primary',
    cancelLabel = 'Cancel',
  } = props;
  return (
    <DialogActions>
      <Button onClick={onCancel} disabled={cancelDisabled}>
        {cancelLabel}
      </Button>
      <Button
        color={color}
        variant="contained"
        onClick={onSubmit}
        disabled={submitDisabled}
      >
        {submitLabel}
      </Button>
    </DialogActions>
  );
}
