export { DoraErrorPanel } from './DoraErrorPanel';
export type { DoraErrorPanelProps } from './DoraErrorPanel';
