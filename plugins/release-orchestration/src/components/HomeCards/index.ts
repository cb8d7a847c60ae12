export { PendingApprovalsCard } from './PendingApprovalsCard';
export type { PendingApprovalsCardProps } from './PendingApprovalsCard';
export { MySystemsCard } from './MySystemsCard';
export type { MySystemsCardProps } from './MySystemsCard';
export { MyTeamsDeliveryCard } from './MyTeamsDeliveryCard';
