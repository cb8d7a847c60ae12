/*
 * The demo portal's backend: catalog, guest and demo-user sign-in, permissions with the
 * Release Orchestration policy, notifications and signals, the plugin, and the demo data
 * (generated organisation and seeded history, src/demoData).
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  catalogModuleDemoOrg,
  releaseOrchestrationModuleDemoData,
} from './demoData';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// Demo portal only: sign in as a listed catalog user when auth.providers.demoUsers is configured.
backend.add(import('./demoUsers'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Demo portal only: the generated organisation (releaseOrchestrationDemo.generatedOrg).
backend.add(catalogModuleDemoOrg);

backend.add(import('@backstage/plugin-permission-backend'));
// Users: releaseOrchestrationAccess.grants. CI tokens: their externalAccess accessRestrictions.
backend.add(import('./permissionPolicy'));

backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(
  import('@release-orchestration/plugin-release-orchestration-backend'),
);
// Demo portal only: seeds delivery history once (releaseOrchestrationDemo.seedHistory).
backend.add(releaseOrchestrationModuleDemoData);
// GitHub and GitLab sources: they do nothing until releaseOrchestration.github / .gitlab is
// configured (with integrations.github / integrations.gitlab credentials), so the demo starts
// without tokens.
backend.add(
  import(
    '@release-orchestration/plugin-release-orchestration-backend-module-github'
  ),
);
backend.add(
  import(
    '@release-orchestration/plugin-release-orchestration-backend-module-gitlab'
  ),
);

backend.start();
