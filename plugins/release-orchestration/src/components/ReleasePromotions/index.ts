export { ReleasePromotions } from './ReleasePromotions';
