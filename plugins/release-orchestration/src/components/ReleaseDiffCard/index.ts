export { ReleaseDiffCard } from './ReleaseDiffCard';
export { ReleaseDiffList } from './ReleaseDiffList';
