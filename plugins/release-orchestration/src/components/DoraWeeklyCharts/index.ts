export { DoraWeeklyCharts } from './DoraWeeklyCharts';
export type { DoraWeeklyChartsProps } from './DoraWeeklyCharts';
export { DoraWeeklyChart } from './DoraWeeklyChart';
export type { DoraWeeklyChartProps } from './DoraWeeklyChart';
