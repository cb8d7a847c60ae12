/**
 * Release Orchestration backend module that reports what Argo CD deployed where.
 *
 * @packageDocumentation
 */

export { releaseOrchestrationModuleArgoCd as default } from './module';
export { ArgoCdDeploymentSource } from './ArgoCdDeploymentSource';
export { mapApplication, parseImage, ARGOCD_KEYS } from './mapApplication';
