export { DoraTrendIndicator } from './DoraTrendIndicator';
export type { DoraTrendIndicatorProps } from './DoraTrendIndicator';
