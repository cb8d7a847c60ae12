export { PromotionTimeline } from './PromotionTimeline';
export type { PromotionTimelineProps } from './PromotionTimeline';
