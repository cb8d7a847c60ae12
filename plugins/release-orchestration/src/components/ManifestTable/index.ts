export { ManifestTable } from './ManifestTable';
