export { VoteDialog } from './VoteDialog';
export type { VoteDialogProps } from './VoteDialog';
