export { ActorName } from './ActorName';
