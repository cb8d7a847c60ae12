/**
 * Release Orchestration backend module that reads GitLab Deployments of catalog components.
 *
 * @packageDocumentation
 */

export { releaseOrchestrationModuleGitlab as default } from './module';
export { GitlabDeploymentSource } from './GitlabDeploymentSource';
export { GitlabClient } from './GitlabClient';
export { GITLAB_WEBHOOK_TOPICS } from './module';
export { mapGitlabDeployment, gitlabLane } from './mapGitlabDeployment';
