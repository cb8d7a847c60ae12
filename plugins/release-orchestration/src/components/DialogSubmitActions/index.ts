export { DialogSubmitActions } from './DialogSubmitActions';
export type { DialogSubmitActionsProps } from './DialogSubmitActions';
