export { CutReleaseDialog } from './CutReleaseDialog';
export type { CutReleaseDialogProps } from './CutReleaseDialog';
