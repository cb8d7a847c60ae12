/**
 * Release Orchestration backend module that reads GitLab Deployments of catalog components.
 *
 * @packageDocumentation
 */

export { releaseOrchestrationModuleGitlab as default } from './module';
export { GITLAB_WEBHOOK_TOPICS } from './module';
