/**
 * Release Orchestration backend module that reads GitLab Deployments of catalog components.
 *
 * @packageDocumentation
 */

export { releaseOrchestrationModuleGitlab as default } from './module';
export { GitlabDeploymentSource } from './GitlabDeploymentSource';
export { GitlabClient, GitlabRateLimitError } from './GitlabClient';
export { mapGitlabDeployment, gitlabLane } from './mapGitlabDeployment';
