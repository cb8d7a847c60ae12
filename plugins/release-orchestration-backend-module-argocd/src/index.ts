/**
 * Release Orchestration backend module that reports what Argo CD deployed where.
 *
 * @packageDocumentation
 */

export { releaseOrchestrationModuleArgoCd as default } from './module';
export { ARGOCD_KEYS } from './mapApplication';
export { ARGOCD_ENTITY_ANNOTATIONS } from './catalogLocators';
