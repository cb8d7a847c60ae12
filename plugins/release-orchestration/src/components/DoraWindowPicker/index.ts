export { DoraWindowPicker } from './DoraWindowPicker';
export type { DoraWindowPickerProps } from './DoraWindowPicker';
