export { ReleaseHeaderCard } from './ReleaseHeaderCard';
