export { ComponentBuildsContent } from './ComponentBuildsContent';
