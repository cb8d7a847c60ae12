export { FanOutPromoteDialog } from './FanOutPromoteDialog';
export type { FanOutPromoteDialogProps } from './FanOutPromoteDialog';
