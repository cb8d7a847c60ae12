/**
 * Release Orchestration backend module that reads GitHub Deployments of catalog components.
 *
 * @packageDocumentation
 */

export { releaseOrchestrationModuleGithub as default } from './module';
export { GithubDeploymentSource } from './GithubDeploymentSource';
export { GithubClient } from './GithubClient';
export { GITHUB_WEBHOOK_TOPICS } from './module';
export {
  mapGithubDeployment,
  mapGithubWorkflowRun,
  deployedVersion,
} from './mapGithubDeployment';
