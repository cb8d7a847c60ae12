import Box from '@material-ui/core/Box';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { ApprovalDecision } from '@release-orchestration/plugin-release-orchestration-common';
import { ReactNode, useState } from 'react';
import { useFirstFocus } from '../../hooks/useFirstFocus';
import { errorMessage } from '../../lib/errorMessage';
import { DialogSubmitActions } from '../DialogSubmitActions';

/**
 * Properties of {@link VoteDialog}.
 */
export interface VoteDialogProps {
  decision: ApprovalDecision;
  /** What is being voted on, e.g. "Promote 2026.03.05-1 of payments to production". */
  subject: string;
  /** Shown above the comment, e.g. the promotions of a bulk approval. */
  children?: ReactNode;
  /** Casts the vote; a rejection carries its comment. Throw to show the error. */
  onSubmit(comment: string | undefined): Promise<void>;
  onClose(): void;
}

/**
 * Approve or reject with a comment. A rejection cannot be sent without a
 * comment saying what must change (the backend refuses it too).
 */
export function VoteDialog(props: VoteDialogProps) {
  const { decision, subject, children, onSubmit, onClose } = props;
  const [comment, setComment] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const rejecting = decision === 'reject';
  const commentRef = useFirstFocus<HTMLTextAreaElement>();
  const missingComment = rejecting && comment.trim() === '';

  const submit = async () => {
    setSubmitting(true);
    setError(undefined);
    try {
      await onSubmit(comment.trim() || undefined);
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
      aria-labelledby="vote-title"
    >
      <DialogTitle id="vote-title" style={{ overflowWrap: 'anywhere' }}>
        {rejecting ? 'Reject' : 'Approve'}: {subject}
      </DialogTitle>
      <DialogContent>
        {error && (
          <Box mb={2}>
            <Alert severity="error">{error}</Alert>
          </Box>
        )}
        {children}
        <TextField
          id="vote-comment"
          inputRef={commentRef}
          label={rejecting ? 'Comment (required)' : 'Comment (optional)'}
          multiline
          minRows={3}
          fullWidth
          required={rejecting}
          value={comment}
          onChange={e => setComment(e.target.value)}
          helperText={
            rejecting
              ? 'Say what must change before this can go ahead.'
              : 'Recorded with your approval in the audit trail.'
          }
        />
      </DialogContent>
      <DialogSubmitActions
        onCancel={onClose}
        cancelDisabled={submitting}
        onSubmit={submit}
        submitDisabled={submitting || missingComment}
        color={rejecting ? 'secondary' : 'primary'}
        submitLabel={rejecting ? 'Reject' : 'Approve'}
      />
    </Dialog>
  );
}
