export { SystemSourcesPanel } from './SystemSourcesPanel';
export type { SystemSourcesPanelProps } from './SystemSourcesPanel';
