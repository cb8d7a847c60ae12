export { DoraMetricsTable } from './DoraMetricsTable';
export type {
  DoraMetricsTableProps,
  DoraMetricsTableRow,
} from './DoraMetricsTable';
export { DoraMetricCell } from './DoraMetricCell';
export type { DoraMetricCellProps } from './DoraMetricCell';
