export { DoraOutliers } from './DoraOutliers';
export type { DoraOutliersProps } from './DoraOutliers';
