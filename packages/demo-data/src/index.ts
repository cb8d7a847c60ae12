/**
 * The seeded generator of Release Orchestration's demo portal and benchmark: one random source,
 * the organisation generator (departments, teams, users, Systems, components), the demo's
 * organisation with its delivery profiles, and the demo's delivery history (builds, releases,
 * deployments). Private to this repository: the demo backend (packages/backend) and the
 * benchmark (packages/bench) use it.
 *
 * @packageDocumentation
 */

export * from './random';
export * from './allocate';
export * from './org/generateOrg';
export * from './history/commits';
export * from './history/generateDemoHistory';
export * from './history/generateDemoDeployments';
export * from './demo/deliveryProfiles';
export * from './demo/demoOrg';
export * from './demo/demoEntities';
