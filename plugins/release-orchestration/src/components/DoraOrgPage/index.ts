export { DoraOrgPage } from './DoraOrgPage';
export { DoraOrgContent } from './DoraOrgContent';
export { DoraTeamsCard } from './DoraTeamsCard';
export type { DoraTeamsCardProps } from './DoraTeamsCard';
export { DoraSystemsCard } from './DoraSystemsCard';
export type { DoraSystemsCardProps } from './DoraSystemsCard';
