export { FreezeBanner } from './FreezeBanner';
export type { FreezeBannerProps } from './FreezeBanner';
