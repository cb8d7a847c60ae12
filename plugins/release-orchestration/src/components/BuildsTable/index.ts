export { BuildsTable } from './BuildsTable';
export type { BuildsTableProps } from './BuildsTable';
