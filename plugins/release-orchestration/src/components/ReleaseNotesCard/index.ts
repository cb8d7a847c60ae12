export { ReleaseNotesCard } from './ReleaseNotesCard';
