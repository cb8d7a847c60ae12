export { DriftDetailsDialog } from './DriftDetailsDialog';
export type { DriftDetailsDialogProps } from './DriftDetailsDialog';
