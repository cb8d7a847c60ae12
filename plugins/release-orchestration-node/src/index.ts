/**
 * Extension points for Release Orchestration backend modules.
 *
 * @packageDocumentation
 */

export * from './events';
export * from './deploymentSources';
export * from './sourceMapping';
