/**
 * Common types, schemas and permissions of the Release Orchestration plugins.
 *
 * @packageDocumentation
 */

export * from './permissions';
export * from './types';
export * from './schemas';
export * from './entityRefs';
