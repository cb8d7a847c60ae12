export { PromotionVoteButtons, describeRequest } from './PromotionVoteButtons';
