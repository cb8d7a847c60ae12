export { PromotionStateChip, promotionStateLabel } from './PromotionStateChip';
