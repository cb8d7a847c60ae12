/**
 * Extension points for Release Orchestration backend modules, and the code the SCM source
 * modules (GitHub, GitLab) share: the HTTP client, the polling loop, catalog reading, settings
 * and builds of deployed revisions.
 *
 * @packageDocumentation
 */

export * from './events';
export * from './deploymentSources';
export * from './sourceMapping';
export * from './scm/ScmHttpClient';
export * from './scm/pollScopes';
export * from './scm/catalogComponents';
export * from './scm/readScmSourceSettings';
export * from './scm/revisionBuilds';
