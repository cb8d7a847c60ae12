/**
 * Release Orchestration backend module that reads GitHub Deployments of catalog components.
 *
 * @packageDocumentation
 */

export { releaseOrchestrationModuleGithub as default } from './module';
export { GITHUB_WEBHOOK_TOPICS } from './module';
