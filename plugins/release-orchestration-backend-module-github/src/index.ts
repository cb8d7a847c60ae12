/**
 * Release Orchestration backend module that reads GitHub Deployments of catalog components.
 *
 * @packageDocumentation
 */

export { releaseOrchestrationModuleGithub as default } from './module';
export { GithubDeploymentSource } from './GithubDeploymentSource';
export { GithubClient, GithubRateLimitError } from './GithubClient';
export { mapGithubDeployment, deployedVersion } from './mapGithubDeployment';
