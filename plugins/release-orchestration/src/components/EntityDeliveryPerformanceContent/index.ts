export { EntityDeliveryPerformanceContent } from './EntityDeliveryPerformanceContent';
