export { EnvironmentMatrix } from './EnvironmentMatrix';
export type { EnvironmentMatrixProps } from './EnvironmentMatrix';
export { SystemEnvironmentMatrix } from './SystemEnvironmentMatrix';
export { LaneSummaryCell } from './LaneSummaryCell';
export type { LaneSummaryCellProps } from './LaneSummaryCell';
export { ComponentVersionCell } from './ComponentVersionCell';
export type { ComponentVersionCellProps } from './ComponentVersionCell';
