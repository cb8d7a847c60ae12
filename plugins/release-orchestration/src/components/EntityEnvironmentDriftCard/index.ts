export { EntityEnvironmentDriftCard } from './EntityEnvironmentDriftCard';
export { SystemDriftTable } from './SystemDriftTable';
export type { SystemDriftTableProps } from './SystemDriftTable';
export { ComponentDriftTable } from './ComponentDriftTable';
export type { ComponentDriftTableProps } from './ComponentDriftTable';
