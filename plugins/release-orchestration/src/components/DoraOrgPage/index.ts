export { DoraOrgPage } from './DoraOrgPage';
export { DoraOrgContent } from './DoraOrgContent';
export { DoraTeamsCard } from './DoraTeamsCard';
export type { DoraTeamsCardProps } from './DoraTeamsCard';
