export { EntityDoraCard } from './EntityDoraCard';
export { DoraWindowSummary } from './DoraWindowSummary';
export type { DoraWindowSummaryProps } from './DoraWindowSummary';
