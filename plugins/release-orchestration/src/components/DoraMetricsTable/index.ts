export { DoraMetricsTable } from './DoraMetricsTable';
export type {
  DoraMetricsTableProps,
  DoraMetricsTableRow,
  DoraMetricsTableSort,
  DoraMetricsTableSortKey,
} from './DoraMetricsTable';
export { DoraMetricCell } from './DoraMetricCell';
export type { DoraMetricCellProps } from './DoraMetricCell';
