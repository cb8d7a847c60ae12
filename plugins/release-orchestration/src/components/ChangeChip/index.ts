export { ChangeChip } from './ChangeChip';
