/*
 * The benchmark's backend process: a real Backstage backend (createBackend from
 * @backstage/backend-defaults) with the Release Orchestration plugin, its database from the config
 * given with --config, CI access through a static token (external access), and the generated
 * organisation as its catalog. Started by startBenchBackend, which talks to it over IPC.
 */
import { createBackend } from '@backstage/backend-defaults';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { BenchCatalogService } from '../catalog/BenchCatalogService';
import { generateOrg } from '../model/generateOrg';
import { ScalePlan } from '../model/scalePlan';

const plan = JSON.parse(process.env.BENCH_PLAN ?? 'null') as ScalePlan | null;
if (!plan) {
  throw new Error('BENCH_PLAN (the scale plan as JSON) is required');
}
const catalog = BenchCatalogService.fromOrg(generateOrg(plan)).asCatalogService();

const backend = createBackend();
backend.add(
  createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => catalog,
  }),
);
backend.add(import('@release-orchestration/plugin-release-orchestration-backend'));
backend
  .start()
  .then(() => {
    process.send?.({ type: 'ready' });
    setInterval(() => process.send?.({ type: 'memory', at: Date.now(), ...process.memoryUsage() }), 250).unref();
  })
  .catch(error => {
    process.stderr.write(`bench backend failed to start: ${error?.stack ?? error}\n`);
    process.exit(1);
  });
