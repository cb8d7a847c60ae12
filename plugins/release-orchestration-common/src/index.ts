/**
 * Common types, schemas and permissions of the Release Orchestration plugins.
 *
 * @packageDocumentation
 */

export * from './permissions';
export * from './types';
export * from './schemas';
export * from './safeText';
export * from './timestampSchema';
export * from './entityRefs';
export * from './deploymentTypes';
export * from './deploymentSchemas';
export * from './doraLevels';
export * from './doraTypes';
export * from './doraSchemas';
export * from './incidentTypes';
export * from './incidentSchemas';
export * from './promotionTypes';
export * from './changeApprovalTypes';
export * from './promotionSchemas';
export * from './fanOutSchemas';
export * from './recurringFreezeSchemas';
export * from './importSchemas';
export * from './cdeventSchemas';
export * from './sourceTypes';
export * from './signals';
export * from './openapi';
