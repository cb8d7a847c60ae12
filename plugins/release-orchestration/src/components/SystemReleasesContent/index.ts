export { SystemReleasesContent } from './SystemReleasesContent';
