export { DoraLevelChip } from './DoraLevelChip';
export type { DoraLevelChipProps } from './DoraLevelChip';
