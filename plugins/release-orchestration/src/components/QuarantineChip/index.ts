export { QuarantineChip } from './QuarantineChip';
