/**
 * Backend plugin for Release Orchestration.
 *
 * @packageDocumentation
 */

export { releaseOrchestrationPlugin as default } from './plugin';
