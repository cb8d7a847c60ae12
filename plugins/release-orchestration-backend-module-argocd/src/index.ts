/**
 * Release Orchestration backend module that reports what Argo CD deployed where.
 *
 * @packageDocumentation
 */

export { releaseOrchestrationModuleArgoCd as default } from './module';
export { ArgoCdDeploymentSource } from './ArgoCdDeploymentSource';
export type { ArgoCdDeploymentSourceOptions } from './ArgoCdDeploymentSource';
export { mapApplication, parseImage, ARGOCD_KEYS } from './mapApplication';
export type { ApplicationMappingContext, MappedApplication } from './mapApplication';
export { ARGOCD_ENTITY_ANNOTATIONS } from './catalogLocators';
export type { ArgoCdCatalogLocator } from './catalogLocators';
