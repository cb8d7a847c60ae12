export { DoraFactsDialog } from './DoraFactsDialog';
export type { DoraFactsDialogProps } from './DoraFactsDialog';
