export { SystemReleasesList } from './SystemReleasesList';
