/**
 * The demo portal's data: the generated organisation in the catalog and the seeded delivery
 * history (docs/demo-users.md, "Demo data").
 */
export { releaseOrchestrationModuleDemoData } from './module';
export { catalogModuleDemoOrg } from './catalogModule';
